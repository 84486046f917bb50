package io.vigil.bench.stats;

import java.util.Arrays;

/**
 * The distribution of a set of latencies, in milliseconds. Percentiles use the nearest-rank method:
 * the p-th percentile is the smallest sample such that at least p % of the samples are at most it,
 * so it is always a latency that was actually observed (no interpolation between two windows).
 *
 * @param count samples
 * @param min smallest, NaN without samples
 * @param mean arithmetic mean, NaN without samples
 * @param p50 median, NaN without samples
 * @param p90 90th percentile, NaN without samples
 * @param p99 99th percentile, NaN without samples
 * @param max largest, NaN without samples
 */
public record LatencySummary(
    int count, double min, double mean, double p50, double p90, double p99, double max) {

  /** The summary of no samples. */
  public static final LatencySummary EMPTY =
      new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * Summarises samples.
   *
   * @param samples latencies in ms; not modified
   * @return the summary
   */
  public static LatencySummary of(double[] samples) {
    if (samples.length == 0) {
      return EMPTY;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double s : sorted) {
      sum += s;
    }
    return new LatencySummary(
        sorted.length,
        sorted[0],
        sum / sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /**
   * Returns the nearest-rank percentile of sorted samples.
   *
   * @param sorted samples in ascending order, at least one
   * @param p the percentile, in (0, 100]
   * @return the sample at rank {@code ceil(p / 100 * n)}
   */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples to take a percentile of");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + ", expected (0, 100]");
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
