package io.vigil.bench.model;

import io.vigil.bench.fleet.FleetData;
import io.vigil.bench.progress.Progress;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.export.ParityReport;
import io.vigil.model.linear.PcaAutoencoder;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.EpochResult;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Makes the model of a bench run from the fleet's own normal data, so that the scores the stream
 * computes are those of a model that fits the frames it sees (the throughput does not depend on it,
 * but a model fed data it never saw raises anomaly events and so writes more output).
 *
 * <p>Training is kept short: the bench measures how fast a model of this shape runs, not how good
 * it is. Dense: {@value #DENSE_EPOCHS} epochs on {@value #DEVICES} devices x {@value #STEPS} steps
 * (a few seconds on 2 cores); LSTM: {@value #LSTM_EPOCHS} epochs on the same data; linear: the
 * demo's PCA autoencoder with 8 components, fitted in closed form.
 */
public final class BenchModels {
  /** Devices whose normal data trains the model: the fleet is homogeneous, a few suffice. */
  static final int DEVICES = 4;

  /** Steps per device: more than one load cycle (1,200 steps) of the simulator. */
  static final int STEPS = 1500;

  static final int DENSE_EPOCHS = 8;
  static final int LSTM_EPOCHS = 3;
  static final int PCA_COMPONENTS = 8;

  private BenchModels() {}

  /**
   * Trains or fits the model and writes it under {@code dir}.
   *
   * @param choice dense, lstm or linear
   * @param dir where to write it
   * @param channels the fleet's channels, the model's features in order
   * @param window W
   * @param stride S
   * @param seed seed of the data and the training
   * @param progress where to show the training
   * @return the model file
   * @throws IOException if it cannot be written
   */
  public static PreparedModel prepare(
      ModelChoice choice,
      Path dir,
      List<String> channels,
      int window,
      int stride,
      long seed,
      Progress progress)
      throws IOException {
    Files.createDirectories(dir);
    long start = System.nanoTime();
    Path file =
        dir.resolve(
            String.format(
                Locale.ROOT,
                "bench-%s-f%d-w%d-s%d.onnx",
                choice.id(),
                channels.size(),
                window,
                stride));
    String note =
        switch (choice) {
          case LINEAR -> linear(file, channels, window, stride, seed);
          case DENSE, LSTM -> trained(choice, file, channels, window, stride, seed, progress);
          case FILE -> throw new IllegalArgumentException("a given model file is not prepared");
        };
    return new PreparedModel(file, choice, (System.nanoTime() - start) / 1e9, note);
  }

  private static String linear(Path file, List<String> channels, int window, int stride, long seed)
      throws IOException {
    String provenance =
        String.format(
            Locale.ROOT,
            "{\"source\":\"vigil bench fleet, anomaly-free\",\"seed\":%d,\"devices\":%d,"
                + "\"rows\":%d,\"components\":%d,\"trainer\":\"PcaAutoencoder\"}",
            seed,
            DEVICES,
            DEVICES * STEPS,
            PCA_COMPONENTS);
    PcaAutoencoder.fit(
        file,
        FleetData.normal(DEVICES, STEPS, channels, seed),
        channels,
        window,
        stride,
        Math.min(PCA_COMPONENTS, window * channels.size()),
        "bench-linear",
        provenance);
    return "linear autoencoder ("
        + PCA_COMPONENTS
        + " principal components) fitted on "
        + DEVICES
        + " devices x "
        + STEPS
        + " normal steps";
  }

  private static String trained(
      ModelChoice choice,
      Path file,
      List<String> channels,
      int window,
      int stride,
      long seed,
      Progress progress)
      throws IOException {
    ModelKind kind = choice == ModelChoice.LSTM ? ModelKind.LSTM : ModelKind.DENSE;
    int epochs = kind == ModelKind.LSTM ? LSTM_EPOCHS : DENSE_EPOCHS;
    TrainingOptions options =
        TrainingOptions.defaults(kind).toBuilder()
            .window(window)
            .stride(stride)
            .epochs(epochs)
            .seed(seed)
            .build();
    Recording data = FleetData.normalRecording(DEVICES, STEPS, channels, seed);
    TrainingPipeline pipeline =
        new TrainingPipeline(
            options,
            ThresholdCalibration.DEFAULT,
            new ModelIdentity("bench-" + kind.id(), "s" + seed),
            Clock.systemUTC());
    progress.start("train " + kind.id(), epochs, "epochs");
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochResult result, int most) {
            progress.update(result.epoch());
          }
        };
    try (TrainedModel model = pipeline.run(data, listener)) {
      Files.write(file, model.bytes());
      ParityReport parity = model.parity();
      progress.finish(
          String.format(
              Locale.ROOT,
              "%d epochs, validation loss %.5f, export parity %s",
              model.history().epochs().size(),
              model.history().best().validationLoss(),
              parity.agrees(ParityReport.TOLERANCE) ? "ok" : "off: " + parity.summary()));
      return String.format(
          Locale.ROOT,
          "%s autoencoder trained %d epochs (%.1f s) on %d devices x %d normal steps",
          kind.id(),
          model.history().epochs().size(),
          model.history().seconds(),
          DEVICES,
          STEPS);
    }
  }
}
