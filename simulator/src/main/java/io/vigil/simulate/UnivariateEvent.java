package io.vigil.simulate;

import java.time.Instant;

/**
 * Something normal but irregular that happened to one univariate series: not an anomaly and not
 * labelled, but the kind of thing a detector must live with. Kept so that tests and the {@code
 * vigil simulate} summary can say what the data holds.
 *
 * @param start the first step it affects
 * @param end the last step it affects (equal to {@code start} for a level change or a duplicate)
 */
public record UnivariateEvent(String deviceId, Kind kind, Instant start, Instant end) {

  /** The kinds of normal irregularity. */
  public enum Kind {
    /** The level moves to a new value and stays there: a regime change. */
    LEVEL_CHANGE,
    /** The sensor reports one constant value for a while. */
    FLAT,
    /** No rows at all for a while: a gap in the series. */
    PAUSE,
    /** A row is sent twice with the same time, the second possibly with a slightly other value. */
    DUPLICATE
  }
}
