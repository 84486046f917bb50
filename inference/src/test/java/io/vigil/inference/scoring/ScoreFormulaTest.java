package io.vigil.inference.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreFormulaTest {
  // One window of W=2 frames, F=2 features, std 1: errors 1, 0 / 1, 2 -> channel scores 1 and 2.
  private static final float[] WINDOW = {1, 3, 2, 3};
  private static final float[] RECONSTRUCTION = {0, 3, 1, 1};
  private static final float[] STD = {1f, 1f};

  @Test
  void theContractFormulaIsTheReconstructionErrorAndItsMean() {
    float[] channels = new float[2];
    float[] score = new float[1];

    ScoreFormula.CONTRACT.channelScores(WINDOW, RECONSTRUCTION, 1, 2, STD, channels);
    ScoreFormula.CONTRACT.scores(channels, 1, 2, score);

    assertThat(channels).containsExactly(1f, 2f);
    assertThat(score).containsExactly(1.5f);
  }

  @Test
  void addsTheStillnessTermToTheChannelScoresAndTakesTheRootOfTheirMean() {
    // Channel 1 does not move (3, 3): it adds the whole weight 6; channel 0 steps by 1, its normal.
    ScoreFormula formula = new ScoreFormula(new StillnessTerm(new float[] {1f, 1f}, 0.5, 6), true);
    float[] channels = new float[2];
    float[] score = new float[1];

    formula.channelScores(WINDOW, RECONSTRUCTION, 1, 2, STD, channels);
    formula.scores(channels, 1, 2, score);

    assertThat(channels).containsExactly(new float[] {1f, 8f}, within(1e-6f));
    assertThat(score[0]).isCloseTo((float) Math.sqrt(4.5), within(1e-6f));
  }

  @Test
  void refusesAStillnessTermOfAnotherChannelCount() {
    ScoreFormula formula = new ScoreFormula(new StillnessTerm(new float[] {1f}, 0.5, 1), false);

    assertThatThrownBy(() -> formula.channelScores(WINDOW, RECONSTRUCTION, 1, 2, STD, new float[2]))
        .hasMessage("the stillness term has 1 channels, the scaler 2");
  }
}
