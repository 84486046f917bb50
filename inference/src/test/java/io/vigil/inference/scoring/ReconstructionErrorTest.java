package io.vigil.inference.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReconstructionErrorTest {

  @Test
  void channelScoresAreTheMeanSquaredStandardisedErrorOverTime() {
    // Two windows of W=2 frames, F=2 features; std 2 and 0.5.
    float[] windows = {1, 1, 3, 1, /* window 1 */ 0, 0, 0, 0};
    float[] reconstructions = {1, 0, 1, 1, /* window 1 */ 2, 0.5f, -2, 0.5f};
    float[] channelScores = new float[4];

    ReconstructionError.channelScores(
        windows, reconstructions, 2, 2, new float[] {2f, 0.5f}, channelScores);

    // Window 0: feature 0 errors 0 and 2/2=1 -> (0+1)/2; feature 1 errors 1/0.5=2 and 0 -> 2.
    // Window 1: feature 0 errors -1 and 1 -> 1; feature 1 errors -1 and -1 -> 1.
    assertThat(channelScores).containsExactly(new float[] {0.5f, 2f, 1f, 1f}, within(1e-7f));
  }

  @Test
  void theScoreIsTheMeanOfTheChannelScores() {
    float[] scores = new float[2];

    ReconstructionError.scores(new float[] {0.5f, 2f, 1f, 1f}, 2, 2, scores);

    assertThat(scores).containsExactly(1.25f, 1f);
  }

  @Test
  void refusesArraysShorterThanTheBatch() {
    assertThatThrownBy(
            () ->
                ReconstructionError.channelScores(
                    new float[3], new float[4], 1, 2, new float[] {1f, 1f}, new float[2]))
        .hasMessage("windows has 3 values, expected at least 4");
  }
}
