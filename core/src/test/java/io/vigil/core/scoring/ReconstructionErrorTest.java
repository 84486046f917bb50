package io.vigil.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReconstructionErrorTest {

  // Two frames, two channels; differences: channel 0 -> 1 and 3, channel 1 -> 2 and 0.
  private static final float[][] WINDOW = {{1f, 10f}, {5f, 20f}};
  private static final float[][] RECONSTRUCTION = {{0f, 8f}, {2f, 20f}};

  @Test
  void channelScoreIsMeanSquaredErrorOverTimeAndScoreIsMeanOverChannels() {
    WindowError error = ReconstructionError.compute(WINDOW, RECONSTRUCTION, null);

    // channel 0: (1^2 + 3^2) / 2 = 5; channel 1: (2^2 + 0^2) / 2 = 2; score: (5 + 2) / 2 = 3.5
    assertThat(error.channelScores()).containsExactly(5.0, 2.0);
    assertThat(error.score()).isEqualTo(3.5);
  }

  @Test
  void scaleStandardisesDifferencesPerChannel() {
    WindowError error = ReconstructionError.compute(WINDOW, RECONSTRUCTION, new float[] {1f, 2f});

    // channel 1 differences become 1 and 0: (1 + 0) / 2 = 0.5
    assertThat(error.channelScores()).containsExactly(5.0, 0.5);
    assertThat(error.score()).isEqualTo(2.75);
  }

  @Test
  void scoreEqualsMeanSquaredErrorOverAllCells() {
    float[][] x = {{0.1f, -2f, 3.3f}, {0.7f, 0f, 1.1f}, {2.2f, 4f, -0.5f}, {1f, 1f, 1f}};
    float[][] r = {{0f, -1f, 3f}, {1f, 0.5f, 1f}, {2f, 3f, 0f}, {0.5f, 1.5f, 2f}};
    double sum = 0;
    for (int t = 0; t < x.length; t++) {
      for (int f = 0; f < 3; f++) {
        double d = (double) x[t][f] - r[t][f];
        sum += d * d;
      }
    }

    assertThat(ReconstructionError.compute(x, r, null).score()).isCloseTo(sum / 12, within(1e-12));
  }

  @Test
  void shapeMismatchSaysWhatWasExpected() {
    float[][] shortReconstruction = {{0f, 8f}};

    assertThatThrownBy(() -> ReconstructionError.compute(WINDOW, shortReconstruction, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconstruction: expected 2 frames, found 1");
    assertThatThrownBy(() -> ReconstructionError.compute(WINDOW, RECONSTRUCTION, new float[] {1f}))
        .hasMessage("scale: expected 2 values (one per channel), found 1");
  }

  @Test
  void nonFiniteValueIsReportedWithItsPosition() {
    float[][] bad = {{0f, 8f}, {2f, Float.NaN}};

    assertThatThrownBy(() -> ReconstructionError.compute(WINDOW, bad, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "non-finite value at frame 1, channel 1: window 20.0, reconstruction NaN;"
                + " expected finite values");
  }

  @Test
  void zeroScaleIsRefused() {
    assertThatThrownBy(
            () -> ReconstructionError.compute(WINDOW, RECONSTRUCTION, new float[] {1f, 0f}))
        .hasMessage("scale: channel 1 is 0.0; expected a finite value > 0");
  }
}
