package io.vigil.simulate;

import java.time.Instant;

/**
 * One row of a univariate series: a device's value at one step, with the anomaly it is part of
 * ({@code null} when normal). A duplicated row appears twice with the same time and step.
 */
public record UnivariateRow(
    String deviceId, Instant time, long step, double value, UnivariateAnomaly anomaly) {

  /** Whether the row lies inside an injected anomaly. */
  public boolean anomalous() {
    return anomaly != null;
  }
}
