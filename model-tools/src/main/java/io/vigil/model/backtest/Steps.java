package io.vigil.model.backtest;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.model.data.Series;
import java.util.Arrays;

/** Infers a device's sampling step from its rows. */
public final class Steps {
  private Steps() {}

  /**
   * Returns the median of the positive intervals between consecutive rows: robust to pauses (a few
   * long intervals) and duplicates (zero intervals, left out).
   *
   * @param series one device's rows, in time order
   * @return the step in milliseconds; {@link DetectionDefaults#STEP_MILLIS} when the series has
   *     fewer than two distinct times
   */
  public static long median(Series series) {
    long[] intervals = new long[Math.max(0, series.rows() - 1)];
    int n = 0;
    for (int i = 1; i < series.rows(); i++) {
      long d = series.time(i) - series.time(i - 1);
      if (d > 0) {
        intervals[n++] = d;
      }
    }
    if (n == 0) {
      return DetectionDefaults.STEP_MILLIS;
    }
    Arrays.sort(intervals, 0, n);
    return intervals[n / 2];
  }
}
