package io.vigil.inference.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StillnessTermTest {
  // Two channels whose normal mean squared step is 1 and 4; still below half of it; weight 3.
  private static final StillnessTerm TERM = new StillnessTerm(new float[] {1f, 4f}, 0.5, 3);

  @Test
  void aChannelThatDoesNotMoveAddsTheWholeWeight() {
    // W=4, F=2: channel 0 holds 5, channel 1 steps by 2 (mean squared step 4, its normal).
    float[] windows = {5, 0, 5, 2, 5, 4, 5, 6};
    float[] channelScores = {0.25f, 0.5f};

    TERM.addTo(windows, 1, 4, channelScores);

    assertThat(channelScores).containsExactly(new float[] {3.25f, 0.5f}, within(1e-6f));
  }

  @Test
  void aChannelMovingLessThanTheToleranceAddsThePartOfTheWeightItFallsShort() {
    // Channel 1 steps by 1: mean squared step 1, a quarter of its normal 4, half the tolerance.
    float[] windows = {0, 0, 1, 1, 0, 2, 1, 3};
    float[] channelScores = new float[2];

    TERM.addTo(windows, 1, 4, channelScores);

    // Channel 0 steps by 1 (its normal): nothing. Channel 1: 3 * (1 - 0.25 / 0.5)^2 = 0.75.
    assertThat(channelScores).containsExactly(new float[] {0f, 0.75f}, within(1e-6f));
    assertThat(TERM.term(0.5, 0)).isEqualTo(0.0);
    assertThat(TERM.term(0.25, 0)).isCloseTo(0.75, within(1e-6));
  }

  @Test
  void addsToEveryWindowOfABatchOnItsOwnSteps() {
    // Window 0: both channels still. Window 1: both move by their normal step.
    float[] windows = {1, 1, 1, 1, 1, 1, /* window 1 */ 0, 0, 1, 2, 0, 0};
    float[] channelScores = {1f, 1f, 1f, 1f};

    TERM.addTo(windows, 2, 3, channelScores);

    assertThat(channelScores).containsExactly(new float[] {4f, 4f, 1f, 1f}, within(1e-6f));
  }

  @Test
  void refusesBadParametersNamingTheFieldAndTheValue() {
    assertThatThrownBy(() -> new StillnessTerm(new float[] {1f, 0f}, 0.5, 1))
        .hasMessage("normal[1] = 0.0, expected a finite number > 0");
    assertThatThrownBy(() -> new StillnessTerm(new float[] {1f}, 1.5, 1))
        .hasMessage("tolerance = 1.5, expected a number in (0, 1]");
    assertThatThrownBy(() -> new StillnessTerm(new float[] {1f}, 0.5, Double.NaN))
        .hasMessage("weight = NaN, expected a finite number > 0");
    assertThatThrownBy(() -> TERM.addTo(new float[2], 1, 1, new float[2]))
        .hasMessage("window = 1, expected at least 2 frames");
  }

  @Test
  void keepsItsOwnCopyOfTheNormalSteps() {
    float[] normal = {1f, 4f};
    StillnessTerm term = new StillnessTerm(normal, 0.5, 3);
    normal[0] = 100f;
    term.normal()[1] = 100f;

    assertThat(term.normal()).containsExactly(1f, 4f);
  }
}
