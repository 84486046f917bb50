package io.vigil.bench.stats;

/**
 * Times a run by its output: from the first to the last output record received, which leaves the
 * application's start-up out. Under exactly-once, output becomes visible a transaction (one commit
 * interval) at a time, so when the whole run fits in a couple of commits that interval says nothing
 * (a single commit makes it zero); the run is then timed from the application's start instead, and
 * the basis says so.
 */
public final class OutputTiming {
  /** The basis of a rate timed from the first output record. */
  public static final String FIRST_OUTPUT = "first_to_last_output";

  /** The basis of a rate timed from the application's start. */
  public static final String START = "start_to_last_output";

  private OutputTiming() {}

  /**
   * The rate and what it was timed from.
   *
   * @param throughput records over the interval used
   * @param basis {@link #FIRST_OUTPUT} or {@link #START}
   */
  public record Timed(Throughput throughput, String basis) {}

  /**
   * Times {@code records} by their output.
   *
   * @param records the records the run processed
   * @param startNanos when the application was started
   * @param firstNanos when the first output arrived
   * @param lastNanos when the last output arrived
   * @param minIntervalNanos the shortest first-to-last interval that is trusted (a few commit
   *     intervals)
   * @return the rate
   */
  public static Timed of(
      long records, long startNanos, long firstNanos, long lastNanos, long minIntervalNanos) {
    if (firstNanos < startNanos || lastNanos < firstNanos) {
      throw new IllegalArgumentException(
          "output times out of order: start "
              + startNanos
              + ", first "
              + firstNanos
              + ", last "
              + lastNanos);
    }
    if (lastNanos - firstNanos >= minIntervalNanos && lastNanos > firstNanos) {
      return new Timed(new Throughput(records, lastNanos - firstNanos), FIRST_OUTPUT);
    }
    return new Timed(new Throughput(records, lastNanos - startNanos), START);
  }
}
