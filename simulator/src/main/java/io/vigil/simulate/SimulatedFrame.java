package io.vigil.simulate;

import java.time.Instant;
import java.util.Map;

/**
 * One device's channel values at one instant, with the anomaly it is part of ({@code null} when the
 * frame is normal).
 *
 * @param channels values in the simulator's channel order
 */
public record SimulatedFrame(
    String deviceId,
    Instant eventTime,
    long step,
    Map<String, Double> channels,
    InjectedAnomaly anomaly) {

  public SimulatedFrame {
    channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
  }

  /** Whether the frame lies inside an injected anomaly. */
  public boolean anomalous() {
    return anomaly != null;
  }
}
