package io.vigil.model.export;

import static io.vigil.model.export.ExportFixtures.assertBatchOneEqualsBatchN;
import static io.vigil.model.export.ExportFixtures.latentSize;
import static io.vigil.model.export.ExportFixtures.parity;
import static io.vigil.model.export.ExportFixtures.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.train.ConvNetwork;
import io.vigil.model.train.ConvWeights;
import io.vigil.model.train.LinearWeights;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.PenalisedDenseNetwork;
import io.vigil.model.train.TrainingOptions;
import io.vigil.model.validate.ModelValidator;
import io.vigil.model.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conv, vae, sparse and contractive exports compute what their trained DJL networks compute
 * (within 1e-4, batch 1 = batch N), {@code vigil validate-model} accepts them as contract models,
 * and for each kind a deliberately broken export is caught by the parity check: flipped convolution
 * kernels, the VAE's log-variance head decoded instead of its mean, dense weights copied without
 * their transpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KindsParityTest {
  private final Map<ModelKind, TrainedModel> models = new EnumMap<>(ModelKind.class);

  @TempDir Path dir;

  @BeforeAll
  void trainModels() {
    for (ModelKind kind : List.of(ModelKind.CONV, ModelKind.VAE, ModelKind.SPARSE)) {
      models.put(kind, train(options(kind).build()));
    }
    // A second encoder layer, so that the Jacobian penalty runs through a product of layers.
    models.put(
        ModelKind.CONTRACTIVE,
        train(options(ModelKind.CONTRACTIVE).hidden(List.of(24, 12)).build()));
  }

  private static TrainingOptions.Builder options(ModelKind kind) {
    TrainingOptions.Builder b =
        TrainingOptions.defaults(kind).toBuilder().window(16).stride(2).epochs(3).batchSize(32);
    return kind == ModelKind.CONV
        ? b.hidden(List.of(6)).latent(4)
        : b.hidden(List.of(24)).latent(4);
  }

  @AfterAll
  void close() {
    models.values().forEach(TrainedModel::close);
  }

  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void exportAgreesWithTheNetworkWithin1e4(ModelKind kind) {
    ParityReport report = parity(models.get(kind));

    assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
    assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
  }

  /** The VAE's code is its mean head; conv's is 4 channels of W / 4 = 4 steps. */
  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void latentIsTheNetworksCodeWithin1e4(ModelKind kind) {
    assertThat(latentSize(models.get(kind))).isEqualTo(kind == ModelKind.CONV ? 16 : 4);
    assertThat(parity(models.get(kind)).maxLatentError()).isLessThan(ParityReport.TOLERANCE);
  }

  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void scoresAWindowAloneAsInABatch(ModelKind kind) {
    assertBatchOneEqualsBatchN(models.get(kind));
  }

  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void validateModelAcceptsTheExport(ModelKind kind) throws IOException {
    Path file = dir.resolve(kind.id() + ".onnx");
    Files.write(file, models.get(kind).bytes());

    ValidationReport report = ModelValidator.validate(file);

    assertThat(report.problems()).isEmpty();
    assertThat(report.accepted()).isTrue();
    assertThat(report.metadata().kind()).isEqualTo(kind.id());
  }

  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void aBrokenExportFailsTheParityCheck(ModelKind kind) {
    TrainedModel model = models.get(kind);

    ParityReport report = parity(model, broken(model));

    assertThat(report.agrees(ParityReport.TOLERANCE)).isFalse();
    assertThat(report.maxReconstructionError()).isGreaterThan(1e-2);
  }

  /** The export each kind is most easily got wrong with; it loads and runs like the right one. */
  private static AutoencoderBody broken(TrainedModel model) {
    if (model.network().network() instanceof ConvNetwork conv) {
      // Convolution instead of cross-correlation: every kernel's taps reversed.
      List<ConvWeights> flipped = new ArrayList<>();
      for (ConvWeights w : conv.weights()) {
        flipped.add(
            new ConvWeights(
                w.inputs(),
                w.outputs(),
                w.kernel(),
                w.stride(),
                w.upsample(),
                reverseTaps(w.weight(), w.kernel()),
                w.bias(),
                w.activation()));
      }
      return NetworkExporter.conv(flipped);
    }
    PenalisedDenseNetwork network = (PenalisedDenseNetwork) model.network().network();
    List<LinearWeights> layers = network.weights();
    if (network.kind() == ModelKind.VAE) {
      // The code layer sits after the encoder's hidden layers.
      int code = model.network().options().hidden().size();
      layers = new ArrayList<>(layers);
      layers.set(code, network.logVarianceWeights());
      return NetworkExporter.dense(layers);
    }
    // PyTorch's [out][in] read as MatMul's [in][out] without transposing: same count, same load.
    List<DenseLayer> untransposed = new ArrayList<>();
    for (LinearWeights w : layers) {
      float[][] rows = new float[w.inputs()][w.outputs()];
      for (int i = 0; i < w.inputs(); i++) {
        System.arraycopy(w.weight(), i * w.outputs(), rows[i], 0, w.outputs());
      }
      untransposed.add(new DenseLayer(rows, w.bias(), w.activation()));
    }
    return new DenseAutoencoder(untransposed);
  }

  private static float[] reverseTaps(float[] weights, int kernel) {
    float[] reversed = new float[weights.length];
    for (int start = 0; start < weights.length; start += kernel) {
      for (int t = 0; t < kernel; t++) {
        reversed[start + t] = weights[start + kernel - 1 - t];
      }
    }
    return reversed;
  }
}
