package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with only {@code reconstruction} gets its scores from Vigil, equal to the in-graph ones.
 */
class ComputedScoresTest {
  @TempDir Path dir;

  @Test
  void vigilComputesTheScoresAModelLacksAsTheGraphWould() {
    Path withScores = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "full.onnx");
    Path bare =
        TinyModels.write(TinyModels.dense(ScoreOutputs.RECONSTRUCTION_ONLY), dir, "bare.onnx");
    int count = 5;
    float[] windows = TinyModels.windows(count, 11);

    try (OnnxModel full = OnnxModel.load(withScores, TinyModels.CPU);
        OnnxModel plain = OnnxModel.load(bare, TinyModels.CPU)) {
      assertThat(plain.hasScoreOutput()).isFalse();
      assertThat(plain.hasChannelScoresOutput()).isFalse();
      BatchScores expected = full.newScorer().score(windows, count, false);
      BatchScores computed = plain.newScorer().score(windows, count, false);

      for (int b = 0; b < count; b++) {
        assertThat(computed.score(b)).isCloseTo(expected.score(b), within(1e-5f));
        assertThat(computed.channelScores(b))
            .containsExactly(expected.channelScores(b), within(1e-5f));
      }
    }
  }

  @Test
  void computedScoresComeWithOrWithoutReconstructions() {
    Path bare =
        TinyModels.write(TinyModels.dense(ScoreOutputs.RECONSTRUCTION_ONLY), dir, "bare.onnx");
    float[] windows = TinyModels.windows(2, 12);

    try (OnnxModel plain = OnnxModel.load(bare, TinyModels.CPU)) {
      WindowBatchScorer scorer = plain.newScorer();
      BatchScores with = scorer.score(windows, 2, true);
      BatchScores without = scorer.score(windows, 2, false);

      assertThat(with.hasReconstructions()).isTrue();
      assertThat(without.hasReconstructions()).isFalse();
      assertThat(without.scores()).containsExactly(with.scores());
      assertThat((double) with.score(1)).isCloseTo(TinyModels.score(windows, 1), within(1e-5));
    }
  }
}
