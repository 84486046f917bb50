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
    // n = 2, r = 0.5, M = 1/3: c_2 = 0.5 * (0.5 * 4/3 + 2/3 * 0.5) = 0.5, m_2 = 1/3 + 2/3 * 0.25
    // = 0.5, so sigma^2 = 1 / 0.5 * 1.5 = 3 (the mean of two scores, and the first is the mean).
    assertThat(ewma.sigma()).isCloseTo(Math.sqrt(3), within(1e-12));
    assertThat(ewma.current().getAsDouble()).isCloseTo(2 + 2 * Math.sqrt(3), within(1e-12));
    ewma.observe(2); // d = 0: mean 2, variance 0.5 * 1 = 0.5
    assertThat(ewma.variance()).isEqualTo(0.5);
    ewma.observe(6); // d = 4: mean 2 + 2 = 4, variance 0.5 * (0.5 + 4 * 2) = 4.25

    assertThat(ewma.mean()).isEqualTo(4.0);
    assertThat(ewma.variance()).isEqualTo(4.25);
    // n = 4: c_4 = 0.875 * (0.5 * 4/3 + 2/3 * 0.125) = 0.65625, m_4 = 1/3 + 2/3 / 64 = 0.34375.
    double sigma = Math.sqrt(4.25 / 0.65625 * 1.34375);
    assertThat(ewma.current().getAsDouble()).isCloseTo(4 + 2 * sigma, within(1e-12));
  }

  @Test
  void sigmaIsUnbiasedForTheNextScoreFromTheStart() {
    // 4,000 independent N(10, 1) series at alpha 0.02: at each checked n, the mean of sigma^2
    // against the mean squared deviation of the next score from the EWMA mean (2.2 % noise each).
    int runs = 4_000;
    int[] checks = {2, 10, 50, 200};
    double[] corrected = new double[checks.length];
    double[] raw = new double[checks.length];
    double[] actual = new double[checks.length];
    SplittableRandom random = new SplittableRandom(21);
    for (int run = 0; run < runs; run++) {
      EwmaThreshold ewma = new EwmaThreshold(0.02, 4);
      int c = 0;
      for (int n = 1; n <= checks[checks.length - 1]; n++) {
        ewma.observe(10 + Synthetic.gaussian(random));
        if (n == checks[c]) {
          double next = 10 + Synthetic.gaussian(random);
          corrected[c] += ewma.sigma() * ewma.sigma();
          raw[c] += ewma.variance();
          actual[c] += (next - ewma.mean()) * (next - ewma.mean());
          ewma.observe(next);
          n++;
          c++;
        }
      }
    }
    for (int c = 0; c < checks.length; c++) {
      assertThat(corrected[c] / actual[c]).as("n = %d", checks[c]).isBetween(0.92, 1.08);
    }
    // Without the correction, the variance at the end of the default warm-up was 25 % short.
    assertThat(raw[2] / actual[2]).isLessThan(0.8);
  }

  @Test
  void exceedancesAtKSigmaFollowTheNormalTailAfterTheWarmUp() {
    // Windows 51 to 200 of 4,000 Gaussian series, alpha 0.02 and the default warm-up of 50. Before
    // the correction: 2.1 (k = 3) and 5.0 (k = 4) times the normal tail. What remains above 1 is
    // the noise of a variance estimated from about 100 scores (a t distribution, not a normal).
    assertThat(shortRunExceedances(3) / NormalTail.upper(3)).isBetween(1.0, 1.8);
    assertThat(shortRunExceedances(4) / NormalTail.upper(4)).isBetween(1.0, 3.5);

    SplittableRandom random = new SplittableRandom(22);
    double longRun =
        Synthetic.exceedanceRate(
            new EwmaThreshold(0.02, 3), 200_000, () -> 10 + Synthetic.gaussian(random));
    assertThat(longRun / NormalTail.upper(3)).isBetween(1.0, 1.8);
  }

  private static double shortRunExceedances(double k) {
    SplittableRandom random = new SplittableRandom(23);
    long judged = 0;
    long exceeded = 0;
    for (int run = 0; run < 4_000; run++) {
      EwmaThreshold ewma = new EwmaThreshold(0.02, k);
      for (int n = 0; n < 200; n++) {
        double score = 10 + Synthetic.gaussian(random);
        if (n >= ThresholdSpec.DEFAULT_WARMUP_WINDOWS) {
          judged++;
          exceeded += score > ewma.current().getAsDouble() ? 1 : 0;
        }
        ewma.observe(score);
      }
    }
    return (double) exceeded / judged;
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
    assertThat(ewma.sigma()).isCloseTo(2.0, within(0.3));
  }

  @Test
  void retuningKeepsMeanAndVarianceUnderNewAlphaAndK() {
    EwmaThreshold ewma = new EwmaThreshold(0.5, 2);
    ewma.observe(1);
    ewma.observe(3);

    EwmaThreshold retuned =
        ewma.retune(ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.1, "k", 4.0), 0.5));

    assertThat(retuned.mean()).isEqualTo(2.0);
    assertThat(retuned.variance()).isEqualTo(1.0);
    // Bias correction at the new alpha 0.1 after n = 2 scores: c_2 = 0.18, m_2 = 0.82.
    assertThat(retuned.current().getAsDouble())
        .isCloseTo(2 + 4 * Math.sqrt(1.82 / 0.18), within(1e-9));
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
