package io.vigil.model.demo;

import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.SimulatedData;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import io.vigil.model.validate.ModelValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the demo has a model: {@code <workDir>/models/demo-dense-s<seed>-d<devices>.onnx},
 * trained on first use from {@value #STEPS} anomaly-free simulator steps of each device (at most
 * {@value #MAX_DEVICES}) and reused while it validates.
 *
 * <p>The model is a dense autoencoder over windows of {@value #WINDOW} frames every {@value
 * #STRIDE} (the demo's geometry), hidden layer 64, code 8, trained for at most {@value #EPOCHS}
 * epochs with early stopping; on 2 cores it takes a few seconds (plus the one-off unpacking of
 * libtorch). Given the seed, the weights are the same on every machine run; only the creation time
 * in the provenance differs.
 */
public final class DemoModels {
  /** W of the demo model. */
  public static final int WINDOW = 32;

  /** S of the demo model. */
  public static final int STRIDE = 4;

  /** Simulated steps per device: more than one load cycle (1,200 steps) of the simulator. */
  public static final int STEPS = 1500;

  /** Devices trained on: the demo's fleet is homogeneous, a few suffice. */
  public static final int MAX_DEVICES = 4;

  /** The most epochs. */
  public static final int EPOCHS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(DemoModels.class);

  private DemoModels() {}

  /**
   * Returns the demo model, training it first if it is absent or no longer valid.
   *
   * @param workDir the demo's work directory
   * @param devices the number of simulated devices
   * @param seed the simulator seed
   * @return the {@code .onnx} file
   */
  public static Path ensure(Path workDir, int devices, long seed) {
    return ensure(workDir, devices, seed, Clock.systemUTC());
  }

  /**
   * Returns the demo model, with the clock that dates a newly trained one.
   *
   * @param workDir the demo's work directory
   * @param devices the number of simulated devices
   * @param seed the simulator seed
   * @param clock the creation time written into the provenance
   * @return the {@code .onnx} file
   */
  public static Path ensure(Path workDir, int devices, long seed, Clock clock) {
    if (devices < 1) {
      throw new IllegalArgumentException("devices = " + devices + ", expected at least 1");
    }
    Path file =
        workDir
            .resolve("models")
            .resolve(String.format(Locale.ROOT, "demo-dense-s%d-d%d.onnx", seed, devices));
    if (Files.isRegularFile(file) && ModelValidator.validate(file).accepted()) {
      return file;
    }
    Recording data = SimulatedData.normal(Math.min(devices, MAX_DEVICES), seed, STEPS);
    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
            .window(WINDOW)
            .stride(STRIDE)
            .hidden(List.of(64))
            .latent(8)
            .epochs(EPOCHS)
            .seed(seed)
            .build();
    TrainingPipeline pipeline =
        new TrainingPipeline(
            options,
            ThresholdCalibration.DEFAULT,
            new ModelIdentity("demo-dense", "s" + seed + "-d" + devices),
            clock);
    try (TrainedModel model = pipeline.run(data, TrainingListener.NONE)) {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      Files.write(partial, model.bytes());
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(
          "Trained the demo model {} in {} s ({} epochs, suggested threshold {})",
          file,
          String.format(Locale.ROOT, "%.1f", model.history().seconds()),
          model.history().epochs().size(),
          model.metadata().suggestedThreshold());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo model " + file, e);
    }
  }
}
