package io.vigil.core.scoring;

import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.policy.Range;
import java.util.List;

/**
 * Maps the ratio {@code score / threshold} to a {@link Severity}.
 *
 * <p>Three ascending band starts are given, for MEDIUM, HIGH and CRITICAL; a ratio below the first
 * is LOW. A band includes its start: with starts {@code [1.5, 2, 4]} a ratio of exactly 2 is HIGH.
 *
 * @param medium ratio where MEDIUM begins, > 0
 * @param high ratio where HIGH begins, > medium
 * @param critical ratio where CRITICAL begins, > high
 */
public record SeverityBands(double medium, double high, double critical) {
  /** Field name used in validation messages. */
  public static final String FIELD = "alertRule.severityBands";

  /** Default band starts: MEDIUM from 1.5x the threshold, HIGH from 2x, CRITICAL from 4x. */
  public static final SeverityBands DEFAULT = new SeverityBands(1.5, 2.0, 4.0);

  /** Validates that the starts are finite, positive and strictly ascending. */
  public SeverityBands {
    Range positive = Range.open(0, Double.POSITIVE_INFINITY);
    positive.check(FIELD + "[0]", medium);
    positive.check(FIELD + "[1]", high);
    positive.check(FIELD + "[2]", critical);
    if (!(medium < high && high < critical)) {
      throw new InvalidPolicyException(
          FIELD,
          "[" + medium + ", " + high + ", " + critical + "]",
          "three strictly ascending ratios (MEDIUM, HIGH, CRITICAL starts)");
    }
  }

  /**
   * Builds bands from the list form used in policies.
   *
   * @param starts exactly three ascending ratios
   * @return the bands
   */
  public static SeverityBands of(List<Double> starts) {
    if (starts == null || starts.size() != 3) {
      throw new InvalidPolicyException(
          FIELD,
          starts == null ? "missing" : starts.size() + " values " + starts,
          "exactly 3 ascending ratios (MEDIUM, HIGH, CRITICAL starts)");
    }
    for (int i = 0; i < 3; i++) {
      if (starts.get(i) == null) {
        throw new InvalidPolicyException(FIELD + "[" + i + "]", "null", "a number > 0");
      }
    }
    return new SeverityBands(starts.get(0), starts.get(1), starts.get(2));
  }

  /**
   * Returns the band starts in the list form used in policies.
   *
   * @return {@code [medium, high, critical]}
   */
  public List<Double> starts() {
    return List.of(medium, high, critical);
  }

  /**
   * Classifies a score against a threshold.
   *
   * @param score the score
   * @param threshold the threshold in force
   * @return the severity of {@link #ratio(double, double)}
   */
  public Severity classify(double score, double threshold) {
    return classify(ratio(score, threshold));
  }

  /**
   * Classifies a ratio.
   *
   * @param ratio {@code score / threshold}, not NaN
   * @return the band the ratio falls in
   */
  public Severity classify(double ratio) {
    if (Double.isNaN(ratio)) {
      throw new IllegalArgumentException("severity: ratio is NaN; expected a number");
    }
    if (ratio >= critical) {
      return Severity.CRITICAL;
    }
    if (ratio >= high) {
      return Severity.HIGH;
    }
    if (ratio >= medium) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }

  /**
   * Returns {@code score / threshold}, defined for a zero threshold too: a positive score over a
   * zero threshold is infinitely far above it, and a zero score is at ratio 0.
   *
   * @param score a score >= 0
   * @param threshold a threshold >= 0
   * @return the ratio
   */
  public static double ratio(double score, double threshold) {
    if (threshold > 0) {
      return score / threshold;
    }
    return score > 0 ? Double.POSITIVE_INFINITY : 0.0;
  }
}
