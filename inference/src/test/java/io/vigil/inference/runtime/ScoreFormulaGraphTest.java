package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.scoring.ScoreFormula;
import io.vigil.inference.scoring.StillnessTerm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny dense autoencoder with a stillness term and a root-mean score in its graph, run by ONNX
 * Runtime, against {@link ScoreFormula} in plain Java.
 */
class ScoreFormulaGraphTest {
  private static final double TOLERANCE = 1e-5;

  // Normal mean squared steps of the tiny model's two channels; still below 0.4 of them.
  private static final StillnessTerm STILLNESS =
      new StillnessTerm(new float[] {40f, 0.1f}, 0.4, 2.5);
  private static final ScoreFormula FORMULA = new ScoreFormula(STILLNESS, true);

  @TempDir Path dir;

  @Test
  void inGraphScoresMatchTheJavaFormulaOnMovingAndFrozenWindows() {
    int count = 4;
    float[] windows = TinyModels.windows(count, 3);
    // Window 1: channel 1 frozen at its first value; window 2: channel 0 frozen.
    for (int t = 1; t < TinyModels.W; t++) {
      windows[(TinyModels.W + t) * TinyModels.F + 1] = windows[TinyModels.W * TinyModels.F + 1];
      windows[(2 * TinyModels.W + t) * TinyModels.F] = windows[2 * TinyModels.W * TinyModels.F];
    }
    float[] reconstructions = new float[windows.length];
    for (int b = 0; b < count; b++) {
      double[] r = TinyModels.reconstruction(windows, b);
      for (int i = 0; i < r.length; i++) {
        reconstructions[b * r.length + i] = (float) r[i];
      }
    }
    float[] expectedChannels = new float[count * TinyModels.F];
    float[] expectedScores = new float[count];
    FORMULA.channelScores(
        windows, reconstructions, count, TinyModels.W, TinyModels.STD, expectedChannels);
    FORMULA.scores(expectedChannels, count, TinyModels.F, expectedScores);

    Path path =
        TinyModels.write(
            ContractGraphs.dense(TinyModels.metadata(), TinyModels.autoencoder(), FORMULA),
            dir,
            "tiny-still.onnx");
    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      BatchScores scores = model.newScorer().score(windows, count, false);

      assertThat(model.hasScoreOutput()).isTrue();
      for (int b = 0; b < count; b++) {
        for (int f = 0; f < TinyModels.F; f++) {
          assertThat((double) scores.channelScore(b, f))
              .as("window %d channel %d", b, f)
              .isCloseTo(expectedChannels[b * TinyModels.F + f], within(TOLERANCE));
        }
        assertThat((double) scores.score(b))
            .as("window %d", b)
            .isCloseTo(expectedScores[b], within(TOLERANCE));
      }
      // A frozen channel carries the whole weight on top of its reconstruction error.
      assertThat(scores.channelScore(1, 1)).isGreaterThan((float) STILLNESS.weight());
      assertThat(scores.channelScore(2, 0)).isGreaterThan((float) STILLNESS.weight());
    }
  }

  @Test
  void theContractFormulaBuildsTheSameGraphAsBefore() {
    assertThat(
            ContractGraphs.dense(
                TinyModels.metadata(), TinyModels.autoencoder(), ScoreFormula.CONTRACT))
        .isEqualTo(ContractGraphs.dense(TinyModels.metadata(), TinyModels.autoencoder()));
  }

  @Test
  void refusesAStillnessTermOfAnotherChannelCount() {
    ScoreFormula wrong = new ScoreFormula(new StillnessTerm(new float[] {1f}, 0.5, 1), false);

    assertThatThrownBy(
            () -> ContractGraphs.dense(TinyModels.metadata(), TinyModels.autoencoder(), wrong))
        .hasMessage("stillness term has 1 channels, the model 2 features");
  }
}
