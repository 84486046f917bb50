package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import io.vigil.inference.InferenceException;
import io.vigil.inference.contract.ModelContractException;
import io.vigil.inference.onnx.ScoreOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading outside the contract checks: files, bytes and the model's life. */
class ModelLoadingTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.onnx");

    assertThatThrownBy(() -> OnnxModel.load(missing, TinyModels.CPU))
        .isInstanceOf(InferenceException.class)
        .hasMessage("model " + missing + ": no such file");
  }

  @Test
  void aFileThatIsNotOnnxFailsWithTheRuntimeErrorAsCause() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");

    assertThatThrownBy(() -> OnnxModel.load(garbage, TinyModels.CPU))
        .isInstanceOf(InferenceException.class)
        .isNotInstanceOf(ModelContractException.class)
        .hasMessageStartingWith("model " + garbage + ": ONNX Runtime could not load it: ")
        .hasCauseInstanceOf(OrtException.class);
  }

  @Test
  void loadsFromBytesUnderTheGivenName() {
    byte[] bytes = TinyModels.dense(ScoreOutputs.IN_GRAPH).toByteArray();

    try (OnnxModel model = OnnxModel.load(bytes, "store://tiny/1", TinyModels.CPU)) {
      assertThat(model.source()).isEqualTo("store://tiny/1");
      assertThat(model.metadata()).isEqualTo(TinyModels.metadata());
    }
  }

  @Test
  void aRefusalFromBytesNamesTheSource() {
    byte[] bytes =
        TinyModels.withMetadata(
                TinyModels.dense(ScoreOutputs.IN_GRAPH), Map.of("vigil.contract", "9"))
            .toByteArray();

    assertThatThrownBy(() -> OnnxModel.load(bytes, "store://tiny/9", TinyModels.CPU))
        .isInstanceOf(ModelContractException.class)
        .hasMessage("model store://tiny/9: metadata 'vigil.contract' is '9', expected '1'");
  }

  @Test
  void scoringAfterCloseFailsClearly() {
    Path path = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "tiny.onnx");
    OnnxModel model = OnnxModel.load(path, TinyModels.CPU);
    WindowBatchScorer scorer = model.newScorer();
    model.close();
    model.close();

    assertThatThrownBy(() -> scorer.score(TinyModels.windows(1, 0), 1, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model " + path + " is closed");
  }
}
