package io.vigil.model.backtest;

import io.vigil.model.data.Series;
import java.time.Instant;

/**
 * Which leading part of each device's rows trains the model when a backtest is given none: a number
 * of rows, a fraction, or the rows before a time. Exactly one is set.
 *
 * @param rows the first N rows of each device, or 0
 * @param fraction the first share of each device's rows, in (0, 1), or 0
 * @param until the rows before this instant, or null
 */
public record TrainPart(int rows, double fraction, Instant until) {

  /** The default: the first 30 % of each device's rows. */
  public static final double DEFAULT_FRACTION = 0.3;

  /** Checks that exactly one part is given and that it is in range. */
  public TrainPart {
    int given = (rows > 0 ? 1 : 0) + (fraction != 0 ? 1 : 0) + (until != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "the training part: give exactly one of rows, fraction and until (found rows="
              + rows
              + ", fraction="
              + fraction
              + ", until="
              + until
              + ")");
    }
    if (rows < 0) {
      throw new IllegalArgumentException("train rows = " + rows + ", expected a positive number");
    }
    if (fraction != 0 && !(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "train fraction = " + fraction + ", expected a number in (0, 1)");
    }
  }

  /**
   * Returns the default part.
   *
   * @return the first {@value #DEFAULT_FRACTION} of each device's rows
   */
  public static TrainPart defaults() {
    return new TrainPart(0, DEFAULT_FRACTION, null);
  }

  /**
   * Returns how many leading rows of a series train.
   *
   * @param series one device's rows
   * @return the count, in [0, rows]
   */
  public int leadingRows(Series series) {
    if (rows > 0) {
      return Math.min(rows, series.rows());
    }
    if (fraction > 0) {
      return (int) Math.floor(series.rows() * fraction);
    }
    long limit = until.toEpochMilli();
    int n = 0;
    while (n < series.rows() && series.time(n) < limit) {
      n++;
    }
    return n;
  }

  /**
   * Describes the part for a report.
   *
   * @return e.g. "the first 30% of each device's rows"
   */
  public String describe() {
    if (rows > 0) {
      return "the first " + rows + " rows of each device";
    }
    if (fraction > 0) {
      return "the first " + Math.round(fraction * 100) + "% of each device's rows";
    }
    return "each device's rows before " + until;
  }
}
