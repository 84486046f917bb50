package io.vigil.model.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {
  @Test
  void suggestsTheMarginTimesTheInterpolatedQuantile() {
    double[] scores = {5, 1, 4, 2, 3};

    assertThat(new ThresholdCalibration(0.5, 1).suggest(scores)).isEqualTo(3);
    assertThat(new ThresholdCalibration(0.9, 2).suggest(scores)).isCloseTo(9.2, within(1e-12));
    assertThat(new ThresholdCalibration(1, 1.5).suggest(scores)).isEqualTo(7.5);
  }

  @Test
  void neverSuggestsZero() {
    assertThat(ThresholdCalibration.DEFAULT.suggest(new double[] {0, 0}))
        .isEqualTo(ThresholdCalibration.FLOOR);
  }

  @Test
  void refusesBadSettingsAndNoScores() {
    assertThatThrownBy(() -> new ThresholdCalibration(0, 1))
        .hasMessage("threshold quantile = 0.0 is invalid, allowed: (0, 1]");
    assertThatThrownBy(() -> new ThresholdCalibration(0.99, 0))
        .hasMessage("threshold margin = 0.0 is invalid, allowed: (0, 100]");
    assertThatThrownBy(() -> ThresholdCalibration.DEFAULT.suggest(new double[0]))
        .hasMessage("no scores to calibrate the threshold on");
  }
}
