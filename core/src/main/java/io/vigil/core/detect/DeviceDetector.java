package io.vigil.core.detect;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeTracker;
import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.threshold.AdaptiveThreshold;
import io.vigil.core.threshold.ThresholdFactory;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One device's detection: its adaptive threshold, warm-up count and episode tracker behind one call
 * per scored window.
 *
 * <p>Per window, in event-time order: while fewer than {@code warmupWindows} scores were seen the
 * model's suggested threshold is reported and nothing exceeds. After that the adaptive threshold
 * applies once it is ready, and the suggested one until then (SPOT calibrates on more scores than
 * the default warm-up), with {@code exceeded = score > threshold}. The tracker turns exceedances
 * into episode events.
 *
 * <p>Learning: a score is shown to the adaptive threshold only once it is known to lie outside
 * every anomaly episode, so an anomaly never teaches the threshold that it is normal. Because an
 * episode opens only after m of the last n windows exceeded, the windows just before an opening
 * belong to it too: scores are therefore held back for n windows, and learned only if no episode
 * opened while they were held; an opening drops them. (Learning them at once let every anomaly slip
 * its first exceeding scores into the threshold; after a few anomalies a quantile threshold stood
 * at anomaly level and later anomalies went unseen.) Lone exceedances that open nothing are
 * learned, because refusing every exceeding score would truncate what the threshold sees, pull it
 * down and make it refuse more. Warm-up windows are learned from. SPOT and DSPOT learn their own
 * alarms only as censored excesses (that the tail reached z_q, not how far). The windows of an open
 * episode, its closing run included, are not learned. Every judged score is also told to the
 * threshold at once ({@link AdaptiveThreshold#judged}), for LIKELIHOOD's recent mean.
 *
 * <p>Policy replacement ({@link #replacePolicy(DetectionPolicy)}): a policy with the same id and a
 * version not newer is ignored. Otherwise the threshold keeps its learned state and the warm-up
 * count when the method is unchanged and the state still means the same under the new parameters
 * (rules in {@link ThresholdFactory}); it starts afresh, warm-up included, when the method changes
 * or a parameter that defines the state (compression, level, initSize, depth) does. An open episode
 * stays open under the new alert rule; if the threshold restarted, the new warm-up makes windows
 * normal, so the episode closes after q windows.
 *
 * <p>Not thread-safe: one instance per device, owned by the one task that processes that device.
 */
public final class DeviceDetector {
  private static final String WHAT = "DeviceDetector";
  private static final int FORMAT = 2;

  private DetectionPolicy policy;
  private AdaptiveThreshold threshold;
  private EpisodeTracker tracker;
  private long scoresSinceReset;

  /** Scores waiting to be learned, oldest first; at most n (the alert rule's window count). */
  private final ArrayDeque<Double> held;

  /** The policy {@link #policyPrefixBytes} was encoded for (compared by identity). */
  private DetectionPolicy encodedPolicy;

  private byte[] policyPrefixBytes;

  /**
   * Creates a detector with no history.
   *
   * @param deviceId the device
   * @param policy the policy in force
   */
  public DeviceDetector(String deviceId, DetectionPolicy policy) {
    this(
        policy,
        ThresholdFactory.create(policy.threshold()),
        new EpisodeTracker(deviceId, policy.alertRule()),
        0,
        new ArrayDeque<>());
  }

  private DeviceDetector(
      DetectionPolicy policy,
      AdaptiveThreshold threshold,
      EpisodeTracker tracker,
      long scoresSinceReset,
      ArrayDeque<Double> held) {
    this.policy = policy;
    this.threshold = threshold;
    this.tracker = tracker;
    this.scoresSinceReset = scoresSinceReset;
    this.held = held;
  }

  /**
   * Handles one scored window.
   *
   * @param windowEnd event time of the window's last frame
   * @param score the window score, finite and >= 0
   * @param channels the window's per-channel scores
   * @return the verdict, with the episode event it caused if any
   */
  public Detection onScore(long windowEnd, double score, ChannelScores channels) {
    AdaptiveThreshold.checkScore(score);
    Objects.requireNonNull(channels, "channels");
    if (windowEnd <= tracker.lastWindowEnd()) {
      return detection(
          windowEnd,
          score,
          thresholdInForce(),
          false,
          Detection.Phase.STALE,
          false,
          Optional.empty());
    }
    Detection.Phase phase = phase();
    double limit = thresholdInForce();
    boolean exceeded = phase != Detection.Phase.WARMING_UP && score > limit;
    boolean wasOpen = tracker.isOpen();
    Optional<EpisodeEvent> event = tracker.onWindow(windowEnd, score, limit, exceeded, channels);
    threshold.judged(score);
    boolean learn = !wasOpen && !tracker.isOpen();
    if (learn) {
      held.addLast(score);
      while (held.size() > policy.alertRule().ofLastWindows()) {
        threshold.observe(held.removeFirst());
      }
    } else {
      // The held windows led up to this episode (or lie in it): none of them is normal.
      held.clear();
    }
    scoresSinceReset++;
    return detection(windowEnd, score, limit, exceeded, phase, learn, event);
  }

  /**
   * Closes the open episode because the device went silent (see {@link
   * EpisodeTracker#closeSilent()}). Nothing is learned; the held scores are dropped, as they led up
   * to the episode.
   *
   * @return the CLOSE, or empty when no episode is open
   */
  public Optional<EpisodeEvent> closeSilent() {
    Optional<EpisodeEvent> close = tracker.closeSilent();
    if (close.isPresent()) {
      held.clear();
    }
    return close;
  }

  /**
   * Applies a new policy, keeping or resetting learned state as described on the class.
   *
   * @param next the new policy
   * @return what was done
   */
  public PolicyChange replacePolicy(DetectionPolicy next) {
    if (next.policyId().equals(policy.policyId()) && next.version() <= policy.version()) {
      return PolicyChange.IGNORED_NOT_NEWER;
    }
    boolean kept = true;
    if (!next.threshold().equals(policy.threshold())) {
      ThresholdFactory.Reconfigured reconfigured =
          ThresholdFactory.reconfigure(threshold, next.threshold());
      threshold = reconfigured.threshold();
      kept = reconfigured.stateKept();
    }
    if (!kept) {
      scoresSinceReset = 0;
    }
    if (!next.alertRule().equals(policy.alertRule())) {
      tracker = tracker.withRule(next.alertRule());
    }
    policy = next;
    return kept ? PolicyChange.THRESHOLD_KEPT : PolicyChange.THRESHOLD_RESET;
  }

  /**
   * Returns the device id.
   *
   * @return the id
   */
  public String deviceId() {
    return tracker.deviceId();
  }

  /**
   * Returns the policy in force.
   *
   * @return the policy
   */
  public DetectionPolicy policy() {
    return policy;
  }

  /**
   * Returns the threshold the next window will be compared with.
   *
   * @return the adaptive threshold when past warm-up and ready, else the suggested one
   */
  public double thresholdInForce() {
    OptionalDouble adaptive = threshold.current();
    return phase() == Detection.Phase.ADAPTIVE
        ? adaptive.getAsDouble()
        : policy.threshold().suggestedThreshold();
  }

  /**
   * Returns the adaptive threshold's own value, whether or not it is in force yet.
   *
   * @return the value, or empty while it is not ready
   */
  public OptionalDouble adaptiveThreshold() {
    return threshold.current();
  }

  /**
   * Returns the scores handled since the detector started or its threshold was last reset.
   *
   * @return the count that warm-up is measured against
   */
  public long scoresSinceReset() {
    return scoresSinceReset;
  }

  /**
   * Returns the end time of the last window judged.
   *
   * @return epoch milliseconds, or {@link Long#MIN_VALUE} before the first
   */
  public long lastWindowEnd() {
    return tracker.lastWindowEnd();
  }

  /**
   * Whether an anomaly episode is open.
   *
   * @return true between OPEN and CLOSE
   */
  public boolean isEpisodeOpen() {
    return tracker.isOpen();
  }

  private Detection.Phase phase() {
    if (scoresSinceReset < policy.threshold().warmupWindows()) {
      return Detection.Phase.WARMING_UP;
    }
    return threshold.isReady() ? Detection.Phase.ADAPTIVE : Detection.Phase.FALLBACK;
  }

  private Detection detection(
      long windowEnd,
      double score,
      double limit,
      boolean exceeded,
      Detection.Phase phase,
      boolean learned,
      Optional<EpisodeEvent> event) {
    return new Detection(
        windowEnd,
        score,
        limit,
        exceeded,
        phase,
        learned,
        policy.policyId(),
        policy.version(),
        event);
  }

  /**
   * Encodes the whole state: policy, warm-up count, threshold and tracker.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] toBytes() {
    byte[] prefix = policyPrefix();
    byte[] thresholdBytes = threshold.toBytes();
    byte[] trackerBytes = tracker.toBytes();
    // Exact size: the count (8), two length prefixes and the held count (4 each), the held scores.
    int size = prefix.length + thresholdBytes.length + trackerBytes.length + 20 + 8 * held.size();
    StateWriter out =
        new StateWriter(size)
            .putRaw(prefix)
            .putLong(scoresSinceReset)
            .putBytes(thresholdBytes)
            .putBytes(trackerBytes)
            .putInt(held.size());
    for (double score : held) {
      out.putDouble(score);
    }
    return out.toBytes();
  }

  /**
   * The leading part of {@link #toBytes()}: format, policy id and version, threshold method,
   * parameters, warm-up and suggested threshold. It depends on the policy alone, so it is encoded
   * once per policy instead of at every write (a detector is written at every commit that scored
   * one of its device's windows).
   */
  private byte[] policyPrefix() {
    if (encodedPolicy != policy) {
      ThresholdSpec spec = policy.threshold();
      StateWriter out =
          new StateWriter(128)
              .format(WHAT, FORMAT)
              .putString(policy.policyId())
              .putLong(policy.version())
              .putString(spec.method().name())
              .putInt(spec.parameters().size());
      for (Map.Entry<String, Double> parameter : spec.parameters().entrySet()) {
        out.putString(parameter.getKey()).putDouble(parameter.getValue());
      }
      policyPrefixBytes =
          out.putInt(spec.warmupWindows()).putDouble(spec.suggestedThreshold()).toBytes();
      encodedPolicy = policy;
    }
    return policyPrefixBytes;
  }

  /**
   * Restores a detector from {@link #toBytes()}; it continues exactly where the original was.
   *
   * @param bytes the encoded state
   * @return the detector
   * @throws CorruptStateException when the bytes cannot be decoded
   */
  public static DeviceDetector fromBytes(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    String policyId = in.getString("policyId");
    long version = in.getLong("version");
    String method = in.getString("method");
    int count = in.getInt("parameter count", 0, 64);
    Map<String, Double> parameters = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      parameters.put(in.getString("parameter name"), in.getDouble("parameter value"));
    }
    int warmup = in.getInt("warmupWindows");
    double suggested = in.getDouble("suggestedThreshold");
    long scoresSinceReset = in.getLong("scoresSinceReset");
    AdaptiveThreshold threshold = ThresholdFactory.restore(in.getBytes("threshold"));
    EpisodeTracker tracker = EpisodeTracker.fromBytes(in.getBytes("tracker"));
    ArrayDeque<Double> held = new ArrayDeque<>();
    for (double score : in.getDoubles("held", 1000)) {
      held.addLast(score);
    }
    in.expectEnd();
    DetectionPolicy policy;
    try {
      ThresholdSpec spec =
          new ThresholdSpec(ThresholdMethod.parse(method), parameters, warmup, suggested);
      policy = new DetectionPolicy(policyId, version, spec, tracker.rule());
    } catch (IllegalArgumentException e) {
      throw new CorruptStateException(
          WHAT + " state: stored policy is invalid: " + e.getMessage(), e);
    }
    if (threshold.method() != policy.threshold().method()) {
      throw in.invalid(
          "threshold",
          "is " + threshold.method() + " but the policy says " + policy.threshold().method());
    }
    return new DeviceDetector(policy, threshold, tracker, scoresSinceReset, held);
  }
}
