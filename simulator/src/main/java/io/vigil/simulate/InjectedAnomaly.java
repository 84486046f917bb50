package io.vigil.simulate;

import java.time.Instant;

/**
 * One anomaly injected into one device's telemetry: its kind, the channel it affects, and the
 * event-time interval it covers (both ends inclusive, frame times).
 */
public record InjectedAnomaly(
    String id, String deviceId, AnomalyKind kind, String channel, Instant start, Instant end) {

  /** Whether {@code time} lies inside the anomaly, ends included. */
  public boolean covers(Instant time) {
    return !time.isBefore(start) && !time.isAfter(end);
  }
}
