package io.vigil.simulate;

import java.time.Instant;

/**
 * One anomaly injected into one univariate series: its kind and the event-time interval it covers
 * (both ends inclusive, step times; rows inside it are labelled).
 */
public record UnivariateAnomaly(
    String id, String deviceId, UnivariateAnomalyKind kind, Instant start, Instant end) {

  /** Whether {@code time} lies inside the anomaly, ends included. */
  public boolean covers(Instant time) {
    return !time.isBefore(start) && !time.isAfter(end);
  }
}
