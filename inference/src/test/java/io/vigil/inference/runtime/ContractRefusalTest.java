package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.vigil.inference.contract.ModelContractException;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.Dim;
import io.vigil.inference.onnx.OnnxAttributes;
import io.vigil.inference.onnx.OnnxGraphBuilder;
import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models that break the contract are refused at load, with what was expected and found. */
class ContractRefusalTest {
  private static final Dim BATCH = Dim.symbolic(ContractGraphs.BATCH);

  @TempDir Path dir;

  @Test
  void refusesAnUnknownInputName() {
    OnnxGraphBuilder graph = graph();
    String x = graph.input("x", DataType.FLOAT, BATCH, Dim.fixed(4), Dim.fixed(2));
    reconstruction(graph, graph.node("Identity", List.of(x)), Dim.fixed(4), Dim.fixed(2));

    ModelContractException refused = refuse(graph.build());

    assertThat(refused)
        .hasMessageContaining("unknown input 'x', expected one of [window]")
        .hasMessageContaining("missing input 'window' (float32 [batch, W, F]), found inputs [x]");
  }

  @Test
  void refusesAWrongElementType() {
    OnnxGraphBuilder graph = graph();
    String window = graph.input("window", DataType.INT64, BATCH, Dim.fixed(4), Dim.fixed(2));
    String cast =
        graph.node(
            "Cast", List.of(window), OnnxAttributes.integer("to", DataType.FLOAT.getNumber()));
    reconstruction(graph, cast, Dim.fixed(4), Dim.fixed(2));
    Path path = TinyModels.write(graph.build(), dir, "int64.onnx");

    ModelContractException refused = refuse(path);

    assertThat(refused)
        .hasMessage("model " + path + ": input 'window' has element type INT64, expected FLOAT");
    assertThat(refused.problems()).hasSize(1);
    assertThat(refused.source()).isEqualTo(path.toString());
  }

  @Test
  void refusesAWrongRank() {
    OnnxGraphBuilder graph = graph();
    String window = graph.input("window", DataType.FLOAT, BATCH, Dim.fixed(8));
    String shape = graph.initializer("shape", new long[] {0, 4, 2}, 3);
    reconstruction(
        graph, graph.node("Reshape", List.of(window, shape)), Dim.fixed(4), Dim.fixed(2));

    assertThat(refuse(graph.build()))
        .hasMessageContaining("input 'window' has rank 2 [?, 8], expected rank 3 [batch, W, F]");
  }

  @Test
  void refusesAWindowLengthThatDiffersFromTheMetadata() {
    ModelProto model =
        TinyModels.withMetadata(
            TinyModels.dense(ScoreOutputs.IN_GRAPH), Map.of("vigil.window", "5"));

    assertThat(refuse(model))
        .hasMessageContaining("input 'window' dimension 1 (window) is 4, expected 5 (vigil.window)")
        .hasMessageContaining(
            "output 'reconstruction' dimension 1 (window) is 4, expected 5 (vigil.window)");
  }

  @Test
  void refusesAFeatureCountThatDiffersFromTheMetadata() {
    Map<String, String> changes = new HashMap<>();
    changes.put("vigil.features", "[\"temperature\",\"vibration\",\"pressure\"]");
    changes.put("vigil.scaler", null);
    ModelProto model = TinyModels.withMetadata(TinyModels.dense(ScoreOutputs.IN_GRAPH), changes);

    assertThat(refuse(model))
        .hasMessageContaining(
            "input 'window' dimension 2 (features) is 2,"
                + " expected 3 (the number of names in vigil.features)")
        .hasMessageContaining("output 'channel_scores' dimension 1 (features) is 2, expected 3");
  }

  @Test
  void refusesAMissingMetadataKey() {
    Map<String, String> changes = new HashMap<>();
    changes.put("vigil.model_id", null);
    ModelProto model = TinyModels.withMetadata(TinyModels.dense(ScoreOutputs.IN_GRAPH), changes);
    Path path = TinyModels.write(model, dir, "anonymous.onnx");

    assertThat(refuse(path))
        .hasMessage(
            "model " + path + ": missing metadata key 'vigil.model_id' (a non-blank model id)");
  }

  @Test
  void refusesAScalerWithAZeroStd() {
    ModelProto model =
        TinyModels.withMetadata(
            TinyModels.dense(ScoreOutputs.IN_GRAPH),
            Map.of("vigil.scaler", "{\"mean\":[20.0,0.5],\"std\":[5.0,0.0]}"));

    assertThat(refuse(model))
        .hasMessageContaining(
            "metadata 'vigil.scaler' std[1] is 0.0 (feature 'vibration'),"
                + " expected a finite number > 0");
  }

  @Test
  void refusesAModelWithoutReconstructionOutput() {
    OnnxGraphBuilder graph = graph();
    String window = graph.input("window", DataType.FLOAT, BATCH, Dim.fixed(4), Dim.fixed(2));
    graph.nodeTo("recon", "Identity", List.of(window));
    graph.output("recon", DataType.FLOAT, BATCH, Dim.fixed(4), Dim.fixed(2));

    assertThat(refuse(graph.build()))
        .hasMessageContaining(
            "missing output 'reconstruction' (float32 [batch, W, F]), found outputs [recon]");
  }

  @Test
  void refusesAFixedBatchDimension() {
    OnnxGraphBuilder graph = graph();
    String window = graph.input("window", DataType.FLOAT, Dim.fixed(1), Dim.fixed(4), Dim.fixed(2));
    reconstruction(graph, graph.node("Identity", List.of(window)), Dim.fixed(4), Dim.fixed(2));

    assertThat(refuse(graph.build()))
        .hasMessageContaining(
            "input 'window' dimension 0 (batch) is fixed at 1, expected a symbolic batch"
                + " dimension");
  }

  @Test
  void refusesAMisspeltContractKeyRatherThanIgnoringIt() {
    Map<String, String> changes = new HashMap<>();
    changes.put("vigil.scaler", null);
    changes.put("vigil.sclaer", "{\"mean\":[20.0,0.5],\"std\":[5.0,0.25]}");
    ModelProto model = TinyModels.withMetadata(TinyModels.dense(ScoreOutputs.IN_GRAPH), changes);

    assertThat(refuse(model)).hasMessageContaining("unknown metadata key 'vigil.sclaer'");
  }

  @Test
  void listsEveryProblemNotOnlyTheFirst() {
    OnnxGraphBuilder graph = graph(Map.of("vigil.contract", "2", "vigil.stride", "0"));
    String window = graph.input("window", DataType.INT64, BATCH, Dim.fixed(4), Dim.fixed(2));
    String cast =
        graph.node(
            "Cast", List.of(window), OnnxAttributes.integer("to", DataType.FLOAT.getNumber()));
    reconstruction(graph, cast, Dim.fixed(4), Dim.fixed(2));

    ModelContractException refused = refuse(graph.build());

    assertThat(refused.problems())
        .containsExactly(
            "input 'window' has element type INT64, expected FLOAT",
            "metadata 'vigil.contract' is '2', expected '1'",
            "metadata 'vigil.stride' is '0', expected a positive integer");
    assertThat(refused).hasMessageContaining(": 3 contract problems: input 'window' has");
  }

  @Test
  void refusesAnOutputWhoseRunTimeShapeBreaksTheContract() {
    // Declared [batch, ?, ?], so only running the model shows that it doubles the features.
    OnnxGraphBuilder graph = graph();
    String window =
        graph.input("window", DataType.FLOAT, BATCH, Dim.symbolic("w"), Dim.symbolic("f"));
    String doubled =
        graph.node("Concat", List.of(window, window), OnnxAttributes.integer("axis", 2));
    reconstruction(graph, doubled, Dim.symbolic("w2"), Dim.symbolic("f2"));

    assertThat(refuse(graph.build()))
        .hasMessageContaining(
            "a probe batch of 2 windows failed: output 'reconstruction' has shape [2, 4, 4]"
                + " for a batch of 2 windows, expected [2, 4, 2]");
  }

  @Test
  void acceptsSymbolicWindowAndFeatureDimensionsGivenByTheMetadata() {
    OnnxGraphBuilder graph = graph();
    String window =
        graph.input("window", DataType.FLOAT, BATCH, Dim.symbolic("w"), Dim.symbolic("f"));
    reconstruction(
        graph, graph.node("Identity", List.of(window)), Dim.symbolic("w"), Dim.symbolic("f"));
    Path path = TinyModels.write(graph.build(), dir, "identity.onnx");

    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      BatchScores scores = model.newScorer().score(TinyModels.windows(1, 1), 1, false);
      assertThat(scores.score(0)).isZero();
    }
  }

  private ModelContractException refuse(ModelProto model) {
    return refuse(TinyModels.write(model, dir, "model.onnx"));
  }

  private static ModelContractException refuse(Path path) {
    ModelContractException refused =
        catchThrowableOfType(
            ModelContractException.class, () -> OnnxModel.load(path, TinyModels.CPU).close());
    assertThat(refused)
        .as("load of %s", path)
        .isNotNull()
        .hasMessageStartingWith("model " + path + ": ");
    return refused;
  }

  private static OnnxGraphBuilder graph() {
    return graph(Map.of());
  }

  private static OnnxGraphBuilder graph(Map<String, String> metadataChanges) {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("broken");
    Map<String, String> properties = new HashMap<>(TinyModels.metadata().toProperties());
    properties.putAll(metadataChanges);
    return graph.metadata(new TreeMap<>(properties));
  }

  private static void reconstruction(
      OnnxGraphBuilder graph, String value, Dim window, Dim features) {
    String output = graph.nodeTo("reconstruction", "Identity", List.of(value));
    graph.output(output, DataType.FLOAT, BATCH, window, features);
  }
}
