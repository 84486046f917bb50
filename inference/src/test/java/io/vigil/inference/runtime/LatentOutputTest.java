package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.core.engine.ExtraOutputs;
import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.BodyLayout;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.OnnxGraphBuilder;
import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional {@code latent} output: Vigil's graphs export the code, the scorer returns it only
 * when asked, and a model without it still scores.
 */
class LatentOutputTest {
  @TempDir Path dir;

  @Test
  void latentIsTheCodeLayerOfTheNetwork() {
    Path path = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "tiny.onnx");
    float[] windows = TinyModels.windows(3, 2);

    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      assertThat(model.latentSize()).isEqualTo(TinyModels.HIDDEN);
      BatchScores scores = model.newScorer().scoreBatch(windows, 3, new ExtraOutputs(true, true));

      for (int b = 0; b < 3; b++) {
        double[] expected = TinyModels.code(windows, b);
        float[] latent = scores.latent(b);
        assertThat(latent).hasSize(TinyModels.HIDDEN);
        for (int l = 0; l < expected.length; l++) {
          assertThat((double) latent[l]).isCloseTo(expected[l], within(1e-5));
        }
        assertThat(scores.reconstruction(b)).hasSize(TinyModels.W * TinyModels.F);
      }
    }
  }

  @Test
  void fetchesNeitherReconstructionNorCodeUnlessAsked() {
    Path path = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "tiny.onnx");

    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      BatchScores scores = model.newScorer().scoreBatch(TinyModels.windows(2, 1), 2);

      assertThat(scores.hasReconstructions()).isFalse();
      assertThat(scores.hasLatents()).isFalse();
      assertThatThrownBy(() -> scores.latent(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this batch was scored without latent codes");
      BatchScores onlyCodes =
          model.newScorer().scoreBatch(TinyModels.windows(2, 1), 2, new ExtraOutputs(false, true));
      assertThat(onlyCodes.hasLatents()).isTrue();
      assertThat(onlyCodes.hasReconstructions()).isFalse();
    }
  }

  @Test
  void aModelWithoutLatentScoresAndRefusesToGiveCodes() {
    AutoencoderBody withoutCode =
        new AutoencoderBody() {
          @Override
          public BodyLayout layout() {
            return BodyLayout.FLAT;
          }

          @Override
          public String build(OnnxGraphBuilder graph, String input, int window, int features) {
            return TinyModels.autoencoder().build(graph, input, window, features);
          }
        };
    Path path =
        TinyModels.write(
            ContractGraphs.build(TinyModels.metadata(), withoutCode, ScoreOutputs.IN_GRAPH),
            dir,
            "old.onnx");
    float[] windows = TinyModels.windows(1, 3);

    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      assertThat(model.latentSize()).isZero();
      WindowBatchScorer scorer = model.newScorer();
      assertThat((double) scorer.scoreBatch(windows, 1).score(0))
          .isCloseTo(TinyModels.score(windows, 0), within(1e-5));
      assertThat(scorer.latentSize()).isZero();
      assertThatThrownBy(() -> scorer.score(windows, 1, false, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no 'latent' output");
    }
  }
}
