package io.vigil.bench.stats;

/**
 * A count of records over an interval measured in nanoseconds, and the rate it makes.
 *
 * @param records records counted, >= 0
 * @param nanos length of the interval, >= 0
 */
public record Throughput(long records, long nanos) {

  /** Validates the fields. */
  public Throughput {
    if (records < 0) {
      throw new IllegalArgumentException("records = " + records + ", expected >= 0");
    }
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos = " + nanos + ", expected >= 0");
    }
  }

  /**
   * Returns records per second; 0 for an empty interval, because a rate measured over no time says
   * nothing (a single output record, say) and must not read as infinitely fast.
   *
   * @return the rate
   */
  public double perSecond() {
    return nanos == 0 ? 0 : records * 1e9 / nanos;
  }

  /** Returns the interval in seconds. */
  public double seconds() {
    return nanos / 1e9;
  }

  /**
   * Returns the rate of {@code factor} times as many units, e.g. frames from windows (x S).
   *
   * @param factor units per record
   * @return units per second
   */
  public double perSecondTimes(double factor) {
    return perSecond() * factor;
  }
}
