package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EwmaThresholdTest {

  @Test
  void meanAndVarianceFollowAHandComputedSequence() {
    EwmaThreshold ewma = new EwmaThreshold(0.5, 2);

    ewma.observe(1); // mean 1, variance 0
    assertThat(ewma.isReady()).isFalse();
    ewma.observe(3); // d = 2: mean 1 + 1 = 2, variance 0.5 * (0 + 2 * 1) = 1
    assertThat(ewma.mean()).isEqualTo(2.0);
    assertThat(ewma.variance()).isEqualTo(1.0);
    assertThat(ewma.current()).hasValue(2 + 2 * 1.0);
    ewma.observe(2); // d = 0: mean 2, variance 0.5 * 1 = 0.5
    assertThat(ewma.variance()).isEqualTo(0.5);
    ewma.observe(6); // d = 4: mean 2 + 2 = 4, variance 0.5 * (0.5 + 4 * 2) = 4.25

    assertThat(ewma.mean()).isEqualTo(4.0);
    assertThat(ewma.variance()).isEqualTo(4.25);
    assertThat(ewma.current().getAsDouble()).isCloseTo(4 + 2 * Math.sqrt(4.25), within(1e-12));
  }

  @Test
  void convergesToMeanPlusKSigmaOfAStationarySeries() {
    SplittableRandom random = new SplittableRandom(3);
    EwmaThreshold ewma = new EwmaThreshold(0.001, 3);
    for (int i = 0; i < 50_000; i++) {
      ewma.observe(Synthetic.exponential(random, 2)); // mean 2, sd 2
    }

    // EWMA with alpha = 0.001 averages about 2000 scores: mean error ~ 2 / sqrt(2000) = 0.045.
    assertThat(ewma.mean()).isCloseTo(2.0, within(0.2));
    assertThat(Math.sqrt(ewma.variance())).isCloseTo(2.0, within(0.3));
  }

  @Test
  void retuningKeepsMeanAndVarianceUnderNewAlphaAndK() {
    EwmaThreshold ewma = new EwmaThreshold(0.5, 2);
    ewma.observe(1);
    ewma.observe(3);

    EwmaThreshold retuned =
        ewma.retune(ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.1, "k", 4.0), 0.5));

    assertThat(retuned.mean()).isEqualTo(2.0);
    assertThat(retuned.current()).hasValue(2 + 4 * 1.0);
    assertThat(retuned.observations()).isEqualTo(2);
  }

  @Test
  void restoredCopyContinuesIdentically() {
    SplittableRandom random = new SplittableRandom(4);
    EwmaThreshold original = new EwmaThreshold(0.05, 3);
    for (int i = 0; i < 100; i++) {
      original.observe(Synthetic.exponential(random, 1));
    }

    EwmaThreshold restored = EwmaThreshold.fromBytes(original.toBytes());

    for (int i = 0; i < 100; i++) {
      double score = Synthetic.exponential(random, 1);
      original.observe(score);
      restored.observe(score);
      assertThat(restored.current()).isEqualTo(original.current());
    }
  }

  @Test
  void refusesNonFiniteScores() {
    EwmaThreshold ewma = new EwmaThreshold(0.1, 3);

    assertThatThrownBy(() -> ewma.observe(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("score is NaN; expected a finite value >= 0");
  }
}
