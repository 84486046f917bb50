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
  /** Devices of the stream tests' models: enough to cover every device type's cycle. */
  private static final int DEVICES = 6;

  /** Steps of training data per device: two and a half load cycles of the simulator. */
  private static final int STEPS = 3000;

  /**
   * Devices of the demo model's training data: each simulated device draws its own levels and
   * gains, so many devices let the model tell a device's normal variety from a fault.
   */
  public static final int DEMO_DEVICES = 64;

  /** The simulator seed of the demo model's training data (not the demo's own seed). */
  public static final long DEMO_SEED = 42;

  /**
   * The demo model's settings: W 32, S 4, 24 principal components, channels scaled by {@link
   * ChannelScaling#SPREAD_AND_NOISE}, a stillness term (tolerance 0.3, strength 4) and the root
   * mean score. Chosen on the 150 s demo fleet of seeds 1 to 6 (README, Detection figures).
   */
  public static final PcaSettings DEMO_SETTINGS =
      new PcaSettings(
          32, 4, 24, ChannelScaling.SPREAD_AND_NOISE, new PcaSettings.Stillness(0.3, 4), true);

  /**
   * The demo model's file name. It changes with the model's settings, so that a work dir from an
   * older build gets the current model.
   */
  public static final String DEMO_FILE = "fleet-pca-w32-k24-stillness-rms.onnx";

  private SimulatedFleetModels() {}

  /**
   * Fits the demo's model ({@link #DEMO_SETTINGS}) on {@value #STEPS} anomaly-free steps of {@value
   * #DEMO_DEVICES} devices of seed {@value #DEMO_SEED} and writes it to {@code out}.
   *
   * @param out the .onnx file to write
   * @return the metadata written into the model
   * @throws IOException if the file cannot be written
   */
  public static ModelMetadata demo(Path out) throws IOException {
    return pca(out, DEMO_SEED, DEMO_DEVICES, DEMO_SETTINGS);
  }

  /**
   * Fits a plain linear autoencoder ({@link PcaSettings#plain}) with {@code components} principal
   * components on windows of {@code window} frames from {@value #DEVICES} devices and writes it to
   * {@code out}.
   */
  public static ModelMetadata pca(Path out, long seed, int window, int stride, int components)
      throws IOException {
    return pca(out, seed, DEVICES, PcaSettings.plain(window, stride, components));
  }

  /**
   * Fits a linear autoencoder on {@value #STEPS} anomaly-free steps of each of {@code devices}
   * devices of seed {@code seed}, and writes it to {@code out}.
   *
   * @param out the .onnx file to write
   * @param seed the simulator seed of the training data
   * @param devices the devices simulated, at least 1
   * @param settings what to fit
   * @return the metadata written into the model
   * @throws IOException if the file cannot be written
   */
  public static ModelMetadata pca(Path out, long seed, int devices, PcaSettings settings)
      throws IOException {
    FleetSimulator fleet =
        new FleetSimulator(
            SimulatorSettings.defaults(devices, seed).withWarmupSteps(Integer.MAX_VALUE));
    double[][][] series = new double[devices][STEPS][];
    for (int k = 0; k < STEPS; k++) {
      List<SimulatedFrame> frames = fleet.nextStep();
      for (int i = 0; i < devices; i++) {
        series[i][k] =
            frames.get(i).channels().values().stream().mapToDouble(Double::doubleValue).toArray();
      }
    }
    String provenance =
        String.format(
            Locale.ROOT,
            "{\"source\":\"vigil simulator, anomaly-free\",\"seed\":%d,\"devices\":%d,\"rows\":%d,"
                + "\"components\":%d,\"settings\":%s,\"trainer\":\"PcaAutoencoder\"}",
            seed,
            devices,
            devices * STEPS,
            settings.components(),
            settings.toJson());
    return PcaAutoencoder.fit(
        out, Arrays.asList(series), FleetSimulator.channels(), settings, "fleet-pca", provenance);
  }
}
