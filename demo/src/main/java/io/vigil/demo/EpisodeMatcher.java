package io.vigil.demo;

import io.vigil.simulate.InjectedAnomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scores a run against the simulator's labels. An injected anomaly is detected when an episode
 * opened on its device while it lasted, or within {@code tolerance} after it ended (the windows
 * that hold its last frames are still being scored then). An episode is false when it opened at no
 * such time of any anomaly of the run, also of one that began too late in the run to be counted (an
 * alarm raised by a real anomaly is not a false one, even when the run ends before the anomaly
 * could be scored as detected).
 */
public final class EpisodeMatcher {
  /** An episode's opening: device and start time. */
  public record Opening(String deviceId, Instant start) {}

  /** The counts. */
  public record Result(int injected, int detected, int falseEpisodes) {}

  private EpisodeMatcher() {}

  /**
   * Matches openings with anomalies.
   *
   * @param counted the anomalies that had the time to be noticed before the run ended: {@code
   *     injected} and {@code detected} count these
   * @param all every anomaly that began during the run, {@code counted} included: an opening that
   *     one of these explains is not false
   * @param openings the episodes that opened
   * @param tolerance how long after an anomaly's end an opening still counts as its
   * @return the counts
   */
  public static Result match(
      List<InjectedAnomaly> counted,
      List<InjectedAnomaly> all,
      List<Opening> openings,
      Duration tolerance) {
    int detected = 0;
    for (InjectedAnomaly a : counted) {
      if (openings.stream().anyMatch(o -> explains(a, o, tolerance))) {
        detected++;
      }
    }
    int falseEpisodes = 0;
    for (Opening o : openings) {
      if (all.stream().noneMatch(a -> explains(a, o, tolerance))) {
        falseEpisodes++;
      }
    }
    return new Result(counted.size(), detected, falseEpisodes);
  }

  private static boolean explains(InjectedAnomaly a, Opening o, Duration tolerance) {
    return a.deviceId().equals(o.deviceId())
        && !o.start().isBefore(a.start())
        && !o.start().isAfter(a.end().plus(tolerance));
  }
}
