package io.vigil.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.SimulatedData;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained by this module is accepted, and each kind of broken model is refused with its
 * reason, as {@code vigil validate-model} reports them.
 */
class ContractValidationTest {
  private static ModelProto good;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
            .window(8)
            .stride(4)
            .hidden(List.of(8))
            .latent(2)
            .epochs(2)
            .build();
    try (TrainedModel model =
        new TrainingPipeline(
                options,
                ThresholdCalibration.DEFAULT,
                new ModelIdentity("validation-test", "3"),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .run(SimulatedData.normal(1, 8, 200), TrainingListener.NONE)) {
      good = model.model();
    }
  }

  private ValidationReport validate(ModelProto model) throws IOException {
    Path file = dir.resolve("model.onnx");
    Files.write(file, model.toByteArray());
    return ModelValidator.validate(file);
  }

  @Test
  void aTrainedModelIsAcceptedAndDescribed() throws IOException {
    ValidationReport report = validate(good);

    assertThat(report.accepted()).isTrue();
    assertThat(report.metadata().kind()).isEqualTo("dense");
    assertThat(report.metadata().features())
        .containsExactly("pressure", "flow", "current", "temperature");
    assertThat(report.irVersion()).isEqualTo(8);
    assertThat(report.opset()).isEqualTo(17);
    assertThat(String.join("\n", ModelDescription.lines(report)))
        .contains("honours the Vigil model contract")
        .contains("id:         validation-test version 3")
        .contains("window:     W=8, stride S=4")
        .contains("\"contentHash\" : \"sha256:")
        .contains("\"finalValidationLoss\"");
  }

  @Test
  void aMissingFileIsRefused() {
    ValidationReport report = ModelValidator.validate(dir.resolve("absent.onnx"));

    assertThat(report.accepted()).isFalse();
    assertThat(report.problems()).containsExactly("no such file");
  }

  @Test
  void aFileThatIsNotOnnxIsRefused() throws IOException {
    Path file = dir.resolve("notes.onnx");
    Files.writeString(file, "these are not the weights you are looking for");

    ValidationReport report = ModelValidator.validate(file);

    assertThat(report.accepted()).isFalse();
    assertThat(report.problems()).singleElement().asString().startsWith("not an ONNX model");
  }

  @Test
  void aModelWithoutProvenanceIsRefused() throws IOException {
    ValidationReport report = validate(withMetadata(good, "vigil.provenance", null));

    assertThat(report.problems())
        .containsExactly(
            "missing metadata key 'vigil.provenance' (a JSON object saying where the model came"
                + " from)");
  }

  @Test
  void aMisspeltMetadataKeyIsRefused() throws IOException {
    ValidationReport report = validate(withMetadata(good, "vigil.scalar", "{}"));

    assertThat(report.problems())
        .singleElement()
        .asString()
        .startsWith("unknown metadata key 'vigil.scalar', expected one of [vigil.contract");
  }

  @Test
  void aWindowLengthThatDisagreesWithTheGraphIsRefused() throws IOException {
    ValidationReport report = validate(withMetadata(good, "vigil.window", "16"));

    assertThat(report.problems())
        .contains("input 'window' dimension 1 (window) is 8, expected 16 (vigil.window)");
  }

  @Test
  void aFeatureListThatDisagreesWithTheGraphIsRefused() throws IOException {
    ValidationReport report =
        validate(withMetadata(good, "vigil.features", "[\"pressure\",\"flow\",\"current\"]"));

    assertThat(report.problems())
        .contains(
            "metadata 'vigil.scaler' has 4 mean values, expected 3 (one per feature in"
                + " vigil.features)");
  }

  @Test
  void aFixedBatchDimensionIsRefused() throws IOException {
    ModelProto.Builder model = good.toBuilder();
    ValueInfoProto.Builder input = model.getGraphBuilder().getInputBuilder(0);
    input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).setDimValue(1);

    ValidationReport report = validate(model.build());

    assertThat(report.problems())
        .contains(
            "input 'window' dimension 0 (batch) is fixed at 1, expected a symbolic batch"
                + " dimension");
  }

  @Test
  void aWrongInputNameIsRefused() throws IOException {
    ModelProto.Builder model = good.toBuilder();
    model.getGraphBuilder().getInputBuilder(0).setName("x");
    for (NodeProto.Builder node : model.getGraphBuilder().getNodeBuilderList()) {
      for (int i = 0; i < node.getInputCount(); i++) {
        if (node.getInput(i).equals("window")) {
          node.setInput(i, "x");
        }
      }
    }

    ValidationReport report = validate(model.build());

    assertThat(report.problems())
        .contains("unknown input 'x', expected one of [window]")
        .contains("missing input 'window' (float32 [batch, W, F]), found inputs [x]");
  }

  private static ModelProto withMetadata(ModelProto model, String key, String value) {
    ModelProto.Builder builder = model.toBuilder().clearMetadataProps();
    boolean replaced = false;
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      if (entry.getKey().equals(key)) {
        replaced = true;
        if (value != null) {
          builder.addMetadataProps(entry.toBuilder().setValue(value));
        }
      } else {
        builder.addMetadataProps(entry);
      }
    }
    if (!replaced && value != null) {
      builder.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }
    return builder.build();
  }
}
