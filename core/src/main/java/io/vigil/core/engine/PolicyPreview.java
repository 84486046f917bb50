package io.vigil.core.engine;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.DetectionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a policy would have raised on a device's recent scores: the dashboard's preview. The scores
 * are judged afresh under the policy ({@link Rejudge}), from the first score given (warm-up
 * included), so two policies previewed on the same scores are compared on equal terms.
 */
public final class PolicyPreview {
  private PolicyPreview() {}

  /**
   * One stored score.
   *
   * @param startTime the window's first frame time
   * @param endTime its last frame time
   * @param score the window score
   * @param channelScores one score per feature
   */
  public record StoredScore(long startTime, long endTime, double score, float[] channelScores) {}

  /**
   * One point of the threshold line the policy would have drawn.
   *
   * @param endTime the window's end
   * @param score its score
   * @param threshold the threshold the policy would have held it against
   * @param phase where it would have stood
   */
  public record Point(long endTime, double score, double threshold, WindowPhase phase) {}

  /**
   * One episode the policy would have opened.
   *
   * @param startTime its start (the first exceeding window's end)
   * @param alarmTime when the OPEN would have been raised
   * @param endTime its end, empty while it would still be open
   * @param peakScore the highest score in it
   */
  public record Span(long startTime, long alarmTime, OptionalLong endTime, double peakScore) {}

  /**
   * A device's preview.
   *
   * @param deviceId the device
   * @param points one per score, in order
   * @param episodes the episodes, in order
   * @param events OPEN, UPDATE and CLOSE events it would have sent
   */
  public record DeviceResult(
      String deviceId, List<Point> points, List<Span> episodes, long events) {

    /** Copies the lists. */
    public DeviceResult {
      points = List.copyOf(points);
      episodes = List.copyOf(episodes);
    }
  }

  /**
   * Previews a policy on one device's scores.
   *
   * @param deviceId the device
   * @param policy the policy
   * @param channels the model's features
   * @param scores the device's stored scores, in window order
   * @return what the policy would have raised
   */
  public static DeviceResult run(
      String deviceId, DetectionPolicy policy, List<String> channels, List<StoredScore> scores) {
    Rejudge judge = new Rejudge(policy);
    List<Point> points = new ArrayList<>(scores.size());
    List<Span> spans = new ArrayList<>();
    long events = 0;
    EpisodeEvent open = null;
    double peak = 0;
    for (StoredScore s : scores) {
      ScoredWindow w =
          judge.judge(deviceId, s.startTime(), s.endTime(), channels, s.channelScores(), s.score());
      if (w.phase() == WindowPhase.STALE) {
        continue;
      }
      points.add(new Point(s.endTime(), s.score(), w.threshold(), w.phase()));
      if (w.detection().event().isPresent()) {
        EpisodeEvent e = w.detection().event().get();
        events++;
        if (e.kind() == EpisodeEventKind.OPEN) {
          open = e;
        } else if (e.kind() == EpisodeEventKind.CLOSE && open != null) {
          spans.add(new Span(open.startTime(), open.eventTime(), e.endTime(), e.peakScore()));
          open = null;
        }
        peak = e.peakScore();
      }
    }
    if (open != null) {
      spans.add(new Span(open.startTime(), open.eventTime(), OptionalLong.empty(), peak));
    }
    return new DeviceResult(deviceId, points, spans, events);
  }
}
