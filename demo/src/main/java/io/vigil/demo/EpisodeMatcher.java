package io.vigil.demo;

import io.vigil.simulate.InjectedAnomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scores a run against the simulator's labels. An injected anomaly is detected when an episode
 * opened on its device while it lasted, or within {@code tolerance} after it ended (the windows
 * that hold its last frames are still being scored then). An episode is false when it opened at no
 * such time.
 */
public final class EpisodeMatcher {
  /** An episode's opening: device and start time. */
  public record Opening(String deviceId, Instant start) {}

  /** The counts. */
  public record Result(int injected, int detected, int falseEpisodes) {}

  private EpisodeMatcher() {}

  public static Result match(
      List<InjectedAnomaly> injected, List<Opening> openings, Duration tolerance) {
    int detected = 0;
    for (InjectedAnomaly a : injected) {
      if (openings.stream().anyMatch(o -> explains(a, o, tolerance))) {
        detected++;
      }
    }
    int falseEpisodes = 0;
    for (Opening o : openings) {
      if (injected.stream().noneMatch(a -> explains(a, o, tolerance))) {
        falseEpisodes++;
      }
    }
    return new Result(injected.size(), detected, falseEpisodes);
  }

  private static boolean explains(InjectedAnomaly a, Opening o, Duration tolerance) {
    return a.deviceId().equals(o.deviceId())
        && !o.start().isBefore(a.start())
        && !o.start().isAfter(a.end().plus(tolerance));
  }
}
