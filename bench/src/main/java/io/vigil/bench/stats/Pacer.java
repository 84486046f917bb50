package io.vigil.bench.stats;

/**
 * When each record of a paced stream is due: record {@code i} at {@code start + i / rate}, so the
 * schedule does not drift when one send is late (a late sender catches up instead of shifting every
 * later record).
 *
 * @param startNanos the {@link System#nanoTime()} of record 0
 * @param perSecond the target rate, > 0
 */
public record Pacer(long startNanos, double perSecond) {

  /** Validates the rate. */
  public Pacer {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate = " + perSecond + " /s, expected a positive rate");
    }
  }

  /**
   * Returns when record {@code index} is due.
   *
   * @param index from 0
   * @return a {@link System#nanoTime()} value
   */
  public long dueNanos(long index) {
    return startNanos + Math.round(index * 1e9 / perSecond);
  }

  /**
   * Returns how many records are due by {@code nowNanos}.
   *
   * @param nowNanos a {@link System#nanoTime()} value
   * @return records with a due time at or before it
   */
  public long dueBy(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    return (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
  }
}
