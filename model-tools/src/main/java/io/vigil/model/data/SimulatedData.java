package io.vigil.model.data;

import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Normal telemetry from the fleet simulator as training data: its warm-up never ends, so no anomaly
 * is injected, and each device becomes a series. Deterministic for a seed.
 */
public final class SimulatedData {
  private SimulatedData() {}

  /**
   * Simulates anomaly-free data.
   *
   * @param devices the number of devices
   * @param seed the simulator seed
   * @param steps frames per device
   * @return one series per device, channels in the simulator's order
   */
  public static Recording normal(int devices, long seed, int steps) {
    SimulatorSettings settings =
        SimulatorSettings.defaults(devices, seed).withWarmupSteps(Integer.MAX_VALUE);
    FleetSimulator fleet = new FleetSimulator(settings);
    List<String> channels = FleetSimulator.channels();
    int f = channels.size();
    long[][] times = new long[devices][steps];
    float[][] values = new float[devices][steps * f];
    for (int k = 0; k < steps; k++) {
      List<SimulatedFrame> frames = fleet.nextStep();
      for (int d = 0; d < devices; d++) {
        SimulatedFrame frame = frames.get(d);
        times[d][k] = frame.eventTime().toEpochMilli();
        for (int c = 0; c < f; c++) {
          Double value = frame.channels().get(channels.get(c));
          values[d][k * f + c] = value == null ? Float.NaN : value.floatValue();
        }
      }
    }
    List<Series> series = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      series.add(new Series(FleetSimulator.deviceId(d), channels, times[d], values[d], null));
    }
    return new Recording(
        "simulator:devices=" + devices + ",seed=" + seed + ",steps=" + steps + ",anomalies=none",
        series);
  }
}
