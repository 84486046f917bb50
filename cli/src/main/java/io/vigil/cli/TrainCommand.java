package io.vigil.cli;

import io.vigil.inference.onnx.Activation;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.export.ParityReport;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.pipeline.TrainingReport;
import io.vigil.model.train.ConsoleProgress;
import io.vigil.model.train.LossKind;
import io.vigil.model.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil train}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains an autoencoder (DJL on PyTorch, offline) on normal data and writes it as a Vigil"
          + " contract ONNX model with its provenance and a suggested threshold. Kinds: dense"
          + " (fully connected), lstm, conv (1-D convolutions over time), vae (variational; the"
          + " model decodes the code's mean and scores its reconstruction error), sparse (L1"
          + " penalty on the code) and contractive (penalty on the encoder's Jacobian).",
      "Data: CSV (',' or ';'), JSON lines or Avro container files (--data), or a Kafka topic"
          + " between two timestamps (--kafka-bootstrap, --kafka-topic, --from, --to).",
      "Options left out take the kind's defaults."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataSourceOptions data;

  @Option(
      names = {"-o", "--output"},
      required = true,
      description = "Where to write the .onnx model.")
  Path output;

  @Mixin ModelShapeOptions shape;

  @Option(
      names = "--hidden",
      split = ",",
      description =
          "Encoder layer sizes, the decoder mirrors them: units (default 64), LSTM states (lstm"
              + " 32) or channels (conv 16).")
  List<Integer> hidden;

  @Option(
      names = "--latent",
      description =
          "Code size (default 8; lstm and sparse 16); conv: the code's channels, W/2^(layers)"
              + " steps each.")
  Integer latent;

  @Option(
      names = "--activation",
      description = "tanh, relu or sigmoid (every kind but lstm; default tanh).")
  String activation;

  @Option(names = "--kernel", description = "Convolution kernel size, odd (conv; default 5).")
  Integer kernel;

  @Option(
      names = "--penalty",
      description =
          "Weight of the kind's training penalty: vae β on the KL term (default 1), sparse L1 on"
              + " the code (default 0.01), contractive on the encoder's squared Jacobian norm"
              + " (default 0.001). Other kinds have none.")
  Double penalty;

  @Option(names = "--noise", description = "Denoising input noise std (default 0).")
  Double noise;

  @Option(names = "--dropout", description = "Dropout rate (default 0; not for contractive).")
  Double dropout;

  @Option(names = "--batch-size", description = "Windows per step (default 64).")
  Integer batchSize;

  @Option(names = "--learning-rate", description = "Adam learning rate (default 0.001).")
  Double learningRate;

  @Option(
      names = "--validation-split",
      description = "Later share of each series held out (default 0.2).")
  Double validationSplit;

  @Option(names = "--patience", description = "Early-stopping patience; 0 = off (default 5).")
  Integer patience;

  @Option(names = "--loss", description = "mse or mae (default mse).")
  String loss;

  @Option(names = "--std-floor", description = "Scaler std at least this x |mean| (default 0).")
  Double stdFloor;

  @Option(
      names = "--training-stride",
      description =
          "Rows between the windows cut for fitting and calibration (default S; 1: a window at"
              + " every row, for short recordings).")
  Integer trainingStride;

  @Option(
      names = "--threshold-quantile",
      defaultValue = "0.99",
      description = "Quantile of held-out scores for the threshold (default: ${DEFAULT-VALUE}).")
  double thresholdQuantile;

  @Option(
      names = "--threshold-margin",
      defaultValue = "1.5",
      description = "Factor on that quantile (default: ${DEFAULT-VALUE}).")
  double thresholdMargin;

  @Option(names = "--model-id", description = "Model id (default vigil-<kind>).")
  String modelId;

  @Option(
      names = "--model-version",
      defaultValue = "1",
      description = "Model version (default: ${DEFAULT-VALUE}).")
  String modelVersion;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TrainingOptions options = options();
    ThresholdCalibration calibration = new ThresholdCalibration(thresholdQuantile, thresholdMargin);
    ModelIdentity identity =
        new ModelIdentity(modelId == null ? "vigil-" + options.kind().id() : modelId, modelVersion);
    Recording recording = data.read();
    TrainingReport.header(recording, options).forEach(out::println);
    out.flush();
    TrainingPipeline pipeline =
        new TrainingPipeline(options, calibration, identity, Clock.systemUTC());
    try (TrainedModel model =
        pipeline.run(recording, new ConsoleProgress(out, System.console() != null))) {
      if (!model.parity().agrees(ParityReport.TOLERANCE)) {
        spec.commandLine().getErr().println("vigil train failed: " + model.parity().summary());
        return 1;
      }
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      byte[] bytes = model.bytes();
      Files.write(output, bytes);
      TrainingReport.summary(model, calibration, output.toString(), bytes.length)
          .forEach(out::println);
      out.flush();
      return 0;
    }
  }

  private TrainingOptions options() {
    TrainingOptions.Builder b = shape.builder();
    if (hidden != null) {
      b.hidden(hidden);
    }
    if (latent != null) {
      b.latent(latent);
    }
    if (activation != null) {
      b.activation(activation(activation));
    }
    if (kernel != null) {
      b.kernel(kernel);
    }
    if (penalty != null) {
      b.penalty(penalty);
    }
    if (noise != null) {
      b.noise(noise);
    }
    if (dropout != null) {
      b.dropout(dropout);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (validationSplit != null) {
      b.validationSplit(validationSplit);
    }
    if (patience != null) {
      b.patience(patience);
    }
    if (loss != null) {
      b.loss(LossKind.parse(loss));
    }
    if (stdFloor != null) {
      b.stdFloor(stdFloor);
    }
    if (trainingStride != null) {
      b.trainingStride(trainingStride);
    }
    return b.build();
  }

  private static Activation activation(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "tanh" -> Activation.TANH;
      case "relu" -> Activation.RELU;
      case "sigmoid" -> Activation.SIGMOID;
      default ->
          throw new IllegalArgumentException(
              "--activation '" + name + "' is unknown, expected tanh, relu or sigmoid");
    };
  }
}
