package io.vigil.bench.report;

import io.vigil.bench.stats.LatencySummary;

/**
 * A latency distribution as the report shows it: milliseconds, null where there were no samples.
 *
 * @param count samples
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest
 * @param mean mean
 */
public record LatencyMillis(
    int count, Double p50, Double p90, Double p99, Double max, Double mean) {

  /**
   * Converts a summary; NaN becomes null, which JSON can carry.
   *
   * @param s the summary
   * @return the report form
   */
  public static LatencyMillis of(LatencySummary s) {
    return new LatencyMillis(
        s.count(),
        orNull(s.p50()),
        orNull(s.p90()),
        orNull(s.p99()),
        orNull(s.max()),
        orNull(s.mean()));
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
