package io.vigil.core.alert;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import io.vigil.core.scoring.ChannelContributions;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.scoring.ChannelShare;
import io.vigil.core.scoring.SeverityBands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The alert state machine of one device: scored windows in, at most one {@link EpisodeEvent} out
 * per window.
 *
 * <p>Closed, it keeps the last n windows; when a window exceeds and at least m of the last n
 * (itself included) exceeded, the episode OPENs. Its start time is the end time of the earliest
 * exceeding window among those n, so it is dated by the first evidence rather than by the window
 * that completed the count, and its id is {@code deviceId@startTime}. Open, each window is either
 * the q-th consecutive normal one, which CLOSEs the episode (end time = end of the last exceeding
 * window), or may give an UPDATE when at least {@code updateIntervalMillis} of event time passed
 * since the last OPEN or UPDATE. Closing clears the history, so a new episode needs m fresh
 * exceedances and cannot reuse the previous episode's evidence or id.
 *
 * <p>Reported values: the peak is the highest score of any window since the start time; severity is
 * the band of the peak ratio (highest score / threshold), so it never drops during an episode; top
 * channels rank channel scores summed over the episode's exceeding windows from the opening window
 * on (normal windows of the closing run would dilute the anomaly's signature; pre-opening windows
 * are not kept channel by channel, so state stays independent of n times channels). If the channel
 * names change during an episode (a new model), the sums restart with the new channels.
 *
 * <p>Windows must arrive with increasing end times; memory is bounded by n and the channel count.
 */
public final class EpisodeTracker {
  private static final String WHAT = "EpisodeTracker";
  private static final int FORMAT = 1;

  private final String deviceId;
  private final AlertRule rule;

  private final long[] ends;
  private final double[] scores;
  private final double[] thresholds;
  private final boolean[] exceedances;
  private int start;
  private int size;
  private long lastWindowEnd = Long.MIN_VALUE;

  private boolean open;
  private long startTime;
  private long lastExceededTime;
  private long lastEmittedTime;
  private int normalRun;
  private double peakScore;
  private double peakRatio;
  private List<String> channels = List.of();
  private double[] channelSums = new double[0];

  /**
   * Creates a tracker with no history and no open episode.
   *
   * @param deviceId the device, used in episode ids
   * @param rule the alert rule
   */
  public EpisodeTracker(String deviceId, AlertRule rule) {
    if (deviceId == null || deviceId.isEmpty()) {
      throw new IllegalArgumentException("deviceId: expected a non-empty id, found " + deviceId);
    }
    this.deviceId = deviceId;
    this.rule = rule;
    int n = rule.ofLastWindows();
    this.ends = new long[n];
    this.scores = new double[n];
    this.thresholds = new double[n];
    this.exceedances = new boolean[n];
  }

  /**
   * Returns the device this tracker follows.
   *
   * @return the device id
   */
  public String deviceId() {
    return deviceId;
  }

  /**
   * Returns the rule in force.
   *
   * @return the rule
   */
  public AlertRule rule() {
    return rule;
  }

  /**
   * Whether an episode is open.
   *
   * @return true between OPEN and CLOSE
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * Returns the id of the open episode.
   *
   * @return the id, or empty when none is open
   */
  public Optional<String> openEpisodeId() {
    return open ? Optional.of(EpisodeEvent.episodeId(deviceId, startTime)) : Optional.empty();
  }

  /**
   * Returns the end time of the last window seen.
   *
   * @return epoch millis, or {@code Long.MIN_VALUE} before the first window
   */
  public long lastWindowEnd() {
    return lastWindowEnd;
  }

  /**
   * Feeds one scored window.
   *
   * @param windowEnd event time of the window's last frame; must exceed the previous window's
   * @param score the window score
   * @param threshold the threshold the score was compared with
   * @param exceeded whether the window counts as exceeding (the caller's decision, e.g. false in
   *     warm-up)
   * @param channels per-channel scores of the window
   * @return the event this window caused, if any
   */
  public Optional<EpisodeEvent> onWindow(
      long windowEnd, double score, double threshold, boolean exceeded, ChannelScores channels) {
    if (windowEnd <= lastWindowEnd) {
      throw new IllegalArgumentException(
          "device "
              + deviceId
              + ": window end "
              + windowEnd
              + " is not after the previous window end "
              + lastWindowEnd
              + "; windows must arrive in event-time order");
    }
    lastWindowEnd = windowEnd;
    remember(windowEnd, score, threshold, exceeded);
    if (!open) {
      return exceeded && exceedancesInHistory() >= rule.openWhenExceeded()
          ? Optional.of(openEpisode(windowEnd, channels))
          : Optional.empty();
    }
    peakScore = Math.max(peakScore, score);
    if (exceeded) {
      normalRun = 0;
      lastExceededTime = windowEnd;
      peakRatio = Math.max(peakRatio, SeverityBands.ratio(score, threshold));
      accumulate(channels);
    } else {
      normalRun++;
    }
    if (normalRun >= rule.closeAfterNormal()) {
      EpisodeEvent close =
          event(
              EpisodeEventKind.CLOSE,
              OptionalLong.of(lastExceededTime),
              windowEnd,
              score,
              threshold);
      reset();
      return Optional.of(close);
    }
    if (windowEnd - lastEmittedTime >= rule.updateIntervalMillis()) {
      lastEmittedTime = windowEnd;
      return Optional.of(
          event(EpisodeEventKind.UPDATE, OptionalLong.empty(), windowEnd, score, threshold));
    }
    return Optional.empty();
  }

  /**
   * Closes the open episode because its device went silent: no window came for longer than the
   * caller's idle limit, so the episode cannot close on normal windows. The CLOSE reports the last
   * exceeding window as the end and the last window seen as the event time.
   *
   * @return the CLOSE, or empty when no episode is open
   */
  public Optional<EpisodeEvent> closeSilent() {
    if (!open) {
      return Optional.empty();
    }
    int last = (start + size - 1) % ends.length;
    EpisodeEvent close =
        event(
            EpisodeEventKind.CLOSE,
            OptionalLong.of(lastExceededTime),
            lastWindowEnd,
            size > 0 ? scores[last] : peakScore,
            size > 0 ? thresholds[last] : Double.NaN);
    reset();
    return Optional.of(close);
  }

  /**
   * Returns a tracker with the same state under a new rule. An open episode stays open (no spurious
   * CLOSE/OPEN); the history keeps its most recent windows up to the new n.
   *
   * @param next the new rule
   * @return the new tracker
   */
  public EpisodeTracker withRule(AlertRule next) {
    EpisodeTracker copy = new EpisodeTracker(deviceId, next);
    int keep = Math.min(size, next.ofLastWindows());
    for (int i = size - keep; i < size; i++) {
      int j = (start + i) % ends.length;
      copy.remember(ends[j], scores[j], thresholds[j], exceedances[j]);
    }
    copy.lastWindowEnd = lastWindowEnd;
    copy.open = open;
    copy.startTime = startTime;
    copy.lastExceededTime = lastExceededTime;
    copy.lastEmittedTime = lastEmittedTime;
    copy.normalRun = normalRun;
    copy.peakScore = peakScore;
    copy.peakRatio = peakRatio;
    copy.channels = channels;
    copy.channelSums = channelSums.clone();
    return copy;
  }

  private EpisodeEvent openEpisode(long windowEnd, ChannelScores channels) {
    open = true;
    normalRun = 0;
    lastExceededTime = windowEnd;
    lastEmittedTime = windowEnd;
    startTime = windowEnd;
    peakScore = Double.NEGATIVE_INFINITY;
    peakRatio = 0;
    boolean started = false;
    for (int i = 0; i < size; i++) {
      int j = (start + i) % ends.length;
      if (!started && exceedances[j]) {
        started = true;
        startTime = ends[j];
      }
      if (started) {
        peakScore = Math.max(peakScore, scores[j]);
        if (exceedances[j]) {
          peakRatio = Math.max(peakRatio, SeverityBands.ratio(scores[j], thresholds[j]));
        }
      }
    }
    this.channels = List.of();
    this.channelSums = new double[0];
    accumulate(channels);
    int last = (start + size - 1) % ends.length;
    return event(
        EpisodeEventKind.OPEN, OptionalLong.empty(), windowEnd, scores[last], thresholds[last]);
  }

  private void accumulate(ChannelScores window) {
    if (!window.channels().equals(channels)) {
      channels = window.channels();
      channelSums = new double[window.size()];
    }
    for (int i = 0; i < window.size(); i++) {
      channelSums[i] += window.score(i);
    }
  }

  private EpisodeEvent event(
      EpisodeEventKind kind, OptionalLong endTime, long eventTime, double score, double threshold) {
    List<ChannelShare> top =
        ChannelContributions.top(ChannelScores.of(channels, channelSums), rule.topChannels());
    return new EpisodeEvent(
        kind,
        EpisodeEvent.episodeId(deviceId, startTime),
        deviceId,
        startTime,
        endTime,
        eventTime,
        peakScore,
        score,
        threshold,
        rule.severityBands().classify(peakRatio),
        top);
  }

  private void remember(long end, double score, double threshold, boolean exceeded) {
    int j;
    if (size < ends.length) {
      j = (start + size) % ends.length;
      size++;
    } else {
      j = start;
      start = (start + 1) % ends.length;
    }
    ends[j] = end;
    scores[j] = score;
    thresholds[j] = threshold;
    exceedances[j] = exceeded;
  }

  private int exceedancesInHistory() {
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (exceedances[(start + i) % ends.length]) {
        count++;
      }
    }
    return count;
  }

  private void reset() {
    open = false;
    start = 0;
    size = 0;
    normalRun = 0;
    channels = List.of();
    channelSums = new double[0];
  }

  /**
   * Encodes the whole state, rule included.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] toBytes() {
    StateWriter out = new StateWriter(128).format(WHAT, FORMAT).putString(deviceId);
    out.putInt(rule.openWhenExceeded())
        .putInt(rule.ofLastWindows())
        .putInt(rule.closeAfterNormal())
        .putLong(rule.updateIntervalMillis())
        .putDouble(rule.severityBands().medium())
        .putDouble(rule.severityBands().high())
        .putDouble(rule.severityBands().critical())
        .putInt(rule.topChannels());
    out.putLong(lastWindowEnd).putInt(size);
    for (int i = 0; i < size; i++) {
      int j = (start + i) % ends.length;
      out.putLong(ends[j]).putDouble(scores[j]).putDouble(thresholds[j]).putBoolean(exceedances[j]);
    }
    out.putBoolean(open);
    if (open) {
      out.putLong(startTime)
          .putLong(lastExceededTime)
          .putLong(lastEmittedTime)
          .putInt(normalRun)
          .putDouble(peakScore)
          .putDouble(peakRatio)
          .putInt(channels.size());
      for (String channel : channels) {
        out.putString(channel);
      }
      out.putDoubles(channelSums);
    }
    return out.toBytes();
  }

  /**
   * Restores a tracker from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the tracker, continuing exactly where the original was
   * @throws io.vigil.core.codec.CorruptStateException when the bytes cannot be decoded
   */
  public static EpisodeTracker fromBytes(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    String deviceId = in.getString("deviceId");
    AlertRule rule;
    try {
      rule =
          new AlertRule(
              in.getInt("openWhenExceeded"),
              in.getInt("ofLastWindows"),
              in.getInt("closeAfterNormal"),
              in.getLong("updateIntervalMillis"),
              new SeverityBands(
                  in.getDouble("severity medium"),
                  in.getDouble("severity high"),
                  in.getDouble("severity critical")),
              in.getInt("topChannels"));
    } catch (IllegalArgumentException e) {
      throw in.invalid("rule", "is invalid: " + e.getMessage());
    }
    EpisodeTracker tracker = new EpisodeTracker(deviceId, rule);
    tracker.lastWindowEnd = in.getLong("lastWindowEnd");
    int size = in.getInt("history size", 0, rule.ofLastWindows());
    for (int i = 0; i < size; i++) {
      tracker.remember(
          in.getLong("history end"),
          in.getDouble("history score"),
          in.getDouble("history threshold"),
          in.getBoolean("history exceeded"));
    }
    tracker.open = in.getBoolean("open");
    if (tracker.open) {
      tracker.startTime = in.getLong("startTime");
      tracker.lastExceededTime = in.getLong("lastExceededTime");
      tracker.lastEmittedTime = in.getLong("lastEmittedTime");
      tracker.normalRun = in.getInt("normalRun", 0, rule.closeAfterNormal());
      tracker.peakScore = in.getDouble("peakScore");
      tracker.peakRatio = in.getDouble("peakRatio");
      int channelCount = in.getInt("channel count", 0, 1 << 16);
      List<String> names = new ArrayList<>(channelCount);
      for (int i = 0; i < channelCount; i++) {
        names.add(in.getString("channel"));
      }
      double[] sums = in.getDoubles("channel sums", channelCount);
      if (sums.length != channelCount) {
        throw in.invalid("channel sums", "has " + sums.length + " values for " + channelCount);
      }
      tracker.channels = List.copyOf(names);
      tracker.channelSums = sums;
    }
    in.expectEnd();
    return tracker;
  }
}
