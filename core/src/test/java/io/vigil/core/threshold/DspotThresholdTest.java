package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DspotThresholdTest {

  /** Level 10 rising by 0.002 per score, plus Exp(1) noise: +60 over the test. */
  private static double level(int i) {
    return 10 + 0.002 * i;
  }

  @Test
  void thresholdFollowsADriftingLevel() {
    SplittableRandom random = new SplittableRandom(31);
    DspotThreshold dspot = new DspotThreshold(1e-3, 0.98, 2_000, 500, 20);
    double gapAfterCalibration = Double.NaN;
    double smallestGap = Double.POSITIVE_INFINITY;
    double largestGap = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 30_000; i++) {
      dspot.observe(level(i) + Synthetic.exponential(random, 1));
      if (i == 2_000) {
        gapAfterCalibration = dspot.current().getAsDouble() - level(i);
      }
      if (i > 2_000) {
        double gap = dspot.current().getAsDouble() - level(i);
        smallestGap = Math.min(smallestGap, gap);
        largestGap = Math.max(largestGap, gap);
      }
    }

    // The noise's own 1 - 1e-3 quantile is ln(1000) = 6.9 above the level: the threshold must stay
    // in that neighbourhood of the moving level while the level itself moves by 60.
    assertThat(gapAfterCalibration).isBetween(4.0, 10.0);
    assertThat(smallestGap).isGreaterThan(3.0);
    assertThat(largestGap).isLessThan(12.0);
    assertThat(dspot.movingLevel()).isBetween(level(29_999) - 1, level(29_999) + 3);
  }

  @Test
  void alarmsDoNotEnterTheMovingLevel() {
    SplittableRandom random = new SplittableRandom(32);
    DspotThreshold dspot = new DspotThreshold(1e-3, 0.98, 500, 200, 10);
    for (int i = 0; i < 500; i++) {
      dspot.observe(5 + Synthetic.exponential(random, 1));
    }
    double movingLevel = dspot.movingLevel();
    TailSummary before = dspot.tail().orElseThrow();

    dspot.observe(dspot.current().getAsDouble() + 100);

    assertThat(dspot.movingLevel()).isEqualTo(movingLevel);
    // The alarm counts in the tail (as an excess censored at z_q), not in the moving level.
    assertThat(dspot.tail().orElseThrow().n()).isEqualTo(before.n() + 1);
    assertThat(dspot.tail().orElseThrow().peaks()).isEqualTo(before.peaks() + 1);
  }

  @Test
  void calibrationUsesResidualsFromTheMeanOfTheDepthBefore() {
    // Scores 0, 1, 2, ...: each residual from the mean of the 2 before is i - (i - 1.5) = 1.5.
    DspotThreshold dspot = new DspotThreshold(1e-3, 0.9, 40, 10, 2);
    for (int i = 0; i < 40; i++) {
      dspot.observe(i);
    }
    TailSummary tail = dspot.tail().orElseThrow();

    assertThat(tail.initialThreshold()).isEqualTo(1.5);
    assertThat(tail.n()).isEqualTo(38);
    assertThat(tail.peaks()).isZero();
    assertThat(dspot.movingLevel()).isEqualTo(38.5);
    assertThat(dspot.current().getAsDouble()).isEqualTo(38.5 + 1.5);
  }

  @Test
  void restoredCopyContinuesIdentically() {
    SplittableRandom random = new SplittableRandom(33);
    double[] scores = new double[4_000];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = level(i) + Synthetic.exponential(random, 1);
    }
    for (int splitAt : new int[] {300, 1_500}) {
      DspotThreshold original = new DspotThreshold(1e-3, 0.98, 1_000, 200, 15);
      for (int i = 0; i < splitAt; i++) {
        original.observe(scores[i]);
      }

      DspotThreshold restored = DspotThreshold.fromBytes(original.toBytes());

      for (int i = splitAt; i < scores.length; i++) {
        original.observe(scores[i]);
        restored.observe(scores[i]);
        assertThat(restored.current()).isEqualTo(original.current());
      }
      assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }
  }
}
