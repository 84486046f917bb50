package io.vigil.model.backtest;

import io.vigil.core.detect.DetectionPolicy;
import io.vigil.model.evaluate.EpisodeDelay;
import io.vigil.model.evaluate.PointMetrics;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What one policy of a backtest raised, and how that compares with the labels.
 *
 * @param name the policy's name in the grid
 * @param policy the policy
 * @param episodes every episode it raised
 * @param testEvents OPEN, UPDATE and CLOSE events raised in the test part
 * @param testEpisodes episodes that start in the test part (after the training rows)
 * @param testDays the test part's span in device-days
 * @param labelled point-wise metrics over the labelled test rows; null without labels
 * @param delays one per labelled anomaly of the test rows; empty without labels
 * @param falseEpisodes test-part episodes that overlap no labelled row (0 without labels)
 */
public record PolicyResult(
    String name,
    DetectionPolicy policy,
    List<Episode> episodes,
    long testEvents,
    long testEpisodes,
    double testDays,
    PointMetrics labelled,
    List<EpisodeDelay> delays,
    long falseEpisodes) {

  /** Copies the lists. */
  public PolicyResult {
    episodes = List.copyOf(episodes);
    delays = List.copyOf(delays);
  }

  /**
   * Returns events per device-day of the test part.
   *
   * @return the rate, 0 when the test part is empty
   */
  public double eventsPerDay() {
    return testDays > 0 ? testEvents / testDays : 0;
  }

  /**
   * Returns test-part episodes per device-day.
   *
   * @return the rate, 0 when the test part is empty
   */
  public double episodesPerDay() {
    return testDays > 0 ? testEpisodes / testDays : 0;
  }

  /**
   * Returns how many labelled anomalies an episode alarmed on.
   *
   * @return the count
   */
  public long detected() {
    return delays.stream().filter(EpisodeDelay::detected).count();
  }

  /**
   * Returns the median detection delay of the detected labelled anomalies.
   *
   * @return seconds, or empty when none was detected
   */
  public OptionalDouble medianDelaySeconds() {
    return EpisodeDelay.medianSeconds(delays);
  }

  /**
   * Describes the policy in one line.
   *
   * @return method, parameters, warm-up and alert rule
   */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s (%s v%d): %s %s, warm-up %d, open on %d of %d, close after %d",
        name,
        policy.policyId(),
        policy.version(),
        policy.threshold().method(),
        policy.threshold().parameters(),
        policy.threshold().warmupWindows(),
        policy.alertRule().openWhenExceeded(),
        policy.alertRule().ofLastWindows(),
        policy.alertRule().closeAfterNormal());
  }
}
