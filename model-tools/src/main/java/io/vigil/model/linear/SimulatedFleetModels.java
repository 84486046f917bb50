package io.vigil.model.linear;

import io.vigil.inference.contract.ModelMetadata;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Linear autoencoders fitted on the simulator's anomaly-free telemetry: the demo's model, and the
 * stream tests'. The same seed gives the same model.
 */
public final class SimulatedFleetModels {
  /** Devices and steps of training data: enough to cover every device type's cycle. */
  private static final int DEVICES = 6;

  private static final int STEPS = 3000;

  private SimulatedFleetModels() {}

  /**
   * Fits a linear autoencoder with {@code components} principal components on windows of {@code
   * window} frames and writes it to {@code out}.
   */
  public static ModelMetadata pca(Path out, long seed, int window, int stride, int components)
      throws IOException {
    FleetSimulator fleet =
        new FleetSimulator(
            SimulatorSettings.defaults(DEVICES, seed).withWarmupSteps(Integer.MAX_VALUE));
    double[][][] series = new double[DEVICES][STEPS][];
    for (int k = 0; k < STEPS; k++) {
      List<SimulatedFrame> frames = fleet.nextStep();
      for (int i = 0; i < DEVICES; i++) {
        series[i][k] =
            frames.get(i).channels().values().stream().mapToDouble(Double::doubleValue).toArray();
      }
    }
    String provenance =
        String.format(
            Locale.ROOT,
            "{\"source\":\"vigil simulator, anomaly-free\",\"seed\":%d,\"devices\":%d,\"rows\":%d,"
                + "\"components\":%d,\"trainer\":\"PcaAutoencoder\"}",
            seed,
            DEVICES,
            DEVICES * STEPS,
            components);
    return PcaAutoencoder.fit(
        out,
        Arrays.asList(series),
        FleetSimulator.channels(),
        window,
        stride,
        components,
        "fleet-pca",
        provenance);
  }
}
