package io.vigil.bench.fleet;

import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatorSettings;
import java.util.ArrayList;
import java.util.List;

/** Training data and scoring windows cut from a {@link WideFleet}. */
public final class FleetData {
  private FleetData() {}

  /**
   * Simulates anomaly-free data of the fleet: the simulator's warm-up never ends, so nothing is
   * injected.
   *
   * @param devices devices
   * @param steps frames per device
   * @param channels channel names
   * @param seed simulator seed
   * @return one {@code [steps][channels]} array per device
   */
  public static List<double[][]> normal(int devices, int steps, List<String> channels, long seed) {
    WideFleet fleet = new WideFleet(normalSettings(devices, seed), channels);
    double[][][] series = new double[devices][steps][];
    for (int k = 0; k < steps; k++) {
      double[][] rows = fleet.nextValues();
      for (int d = 0; d < devices; d++) {
        series[d][k] = rows[d];
      }
    }
    return List.of(series);
  }

  /**
   * The same data as a training recording, one series per device.
   *
   * @param devices devices
   * @param steps frames per device
   * @param channels channel names
   * @param seed simulator seed
   * @return the recording
   */
  public static Recording normalRecording(
      int devices, int steps, List<String> channels, long seed) {
    SimulatorSettings settings = normalSettings(devices, seed);
    List<double[][]> data = normal(devices, steps, channels, seed);
    int f = channels.size();
    List<Series> series = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      long[] times = new long[steps];
      float[] values = new float[steps * f];
      for (int k = 0; k < steps; k++) {
        times[k] = settings.start().plus(settings.step().multipliedBy(k)).toEpochMilli();
        for (int c = 0; c < f; c++) {
          values[k * f + c] = (float) data.get(d)[k][c];
        }
      }
      series.add(new Series(FleetSimulator.deviceId(d), channels, times, values, null));
    }
    return new Recording(
        "bench simulator:devices="
            + devices
            + ",seed="
            + seed
            + ",steps="
            + steps
            + ",channels="
            + f
            + ",anomalies=none",
        series);
  }

  /**
   * Cuts {@code count} windows of W frames, flat {@code [count][W][F]}, from a fleet's normal data
   * (raw units, as the scorer takes them): each device's frames in turn, one window every W frames.
   *
   * @param count windows
   * @param window W
   * @param channels channel names (F)
   * @param seed simulator seed
   * @return the windows
   */
  public static float[] windows(int count, int window, List<String> channels, long seed) {
    int devices = Math.max(1, Math.min(16, count));
    int perDevice = (count + devices - 1) / devices;
    List<double[][]> data = normal(devices, perDevice * window, channels, seed);
    int f = channels.size();
    float[] flat = new float[count * window * f];
    int w = 0;
    for (int d = 0; d < devices && w < count; d++) {
      for (int k = 0; k < perDevice && w < count; k++, w++) {
        for (int t = 0; t < window; t++) {
          double[] row = data.get(d)[k * window + t];
          for (int c = 0; c < f; c++) {
            flat[(w * window + t) * f + c] = (float) row[c];
          }
        }
      }
    }
    return flat;
  }

  private static SimulatorSettings normalSettings(int devices, long seed) {
    return SimulatorSettings.defaults(devices, seed).withWarmupSteps(Integer.MAX_VALUE);
  }
}
