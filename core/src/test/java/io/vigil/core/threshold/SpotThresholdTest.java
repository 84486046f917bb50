package io.vigil.core.threshold;

import static io.vigil.core.threshold.Synthetic.gammaStandardError;
import static io.vigil.core.threshold.Synthetic.quantileStandardError;
import static io.vigil.core.threshold.Synthetic.sigmaStandardError;
import static io.vigil.core.threshold.Synthetic.zStandardError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpotThresholdTest {
  /** Estimates must lie within this many asymptotic standard errors of the analytic value. */
  private static final double SE = 4;

  // Calibration on 20,000 scores at level 0.9 leaves about 2,000 excesses for the fit.
  private static final int INIT = 20_000;
  private static final double LEVEL = 0.9;
  private static final double Q = 1e-3;

  @Test
  void isNotReadyUntilCalibrated() {
    SpotThreshold spot = new SpotThreshold(Q, LEVEL, 100, 50);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 99; i++) {
      spot.observe(Synthetic.exponential(random, 1));
    }

    assertThat(spot.isReady()).isFalse();
    assertThat(spot.current()).isEmpty();
    assertThat(spot.tail()).isEmpty();

    spot.observe(Synthetic.exponential(random, 1));

    assertThat(spot.isReady()).isTrue();
    assertThat(spot.tail().orElseThrow().n()).isEqualTo(100);
  }

  @Test
  void calibrationOnExponentialScoresRecoversTheAnalyticTail() {
    // Exp(1): t = ln(1 / (1 - level)), excesses GPD(0, 1), z_q = ln(1 / q).
    SplittableRandom random = new SplittableRandom(21);
    SpotThreshold spot = new SpotThreshold(Q, LEVEL, INIT, 5000);
    for (int i = 0; i < INIT; i++) {
      spot.observe(Synthetic.exponential(random, 1));
    }
    TailSummary tail = spot.tail().orElseThrow();
    double p = 1 - LEVEL;
    double tError = quantileStandardError(LEVEL, INIT, p);

    assertThat(tail.initialThreshold()).isCloseTo(Math.log(1 / p), within(SE * tError));
    assertThat(tail.fit().gamma()).isCloseTo(0.0, within(SE * gammaStandardError(0, tail.peaks())));
    assertThat(tail.fit().sigma())
        .isCloseTo(1.0, within(SE * sigmaStandardError(0, 1, tail.peaks())));
    assertThat(spot.current().getAsDouble())
        .isCloseTo(
            Math.log(1 / Q),
            within(SE * zStandardError(0, 1, Math.log(1 / p), Q, p, tail.peaks(), tError)));
  }

  @Test
  void calibrationOnParetoScoresRecoversTheAnalyticTail() {
    // Pareto(alpha = 3): t = (1 - level)^(-1/3), excesses GPD(1/3, t/3), z_q = q^(-1/3).
    double alpha = 3;
    SplittableRandom random = new SplittableRandom(22);
    SpotThreshold spot = new SpotThreshold(Q, LEVEL, INIT, 5000);
    for (int i = 0; i < INIT; i++) {
      spot.observe(Synthetic.pareto(random, alpha));
    }
    TailSummary tail = spot.tail().orElseThrow();
    double p = 1 - LEVEL;
    double t = Math.pow(p, -1 / alpha);
    double gamma = 1 / alpha;
    double sigma = t / alpha;
    double density = alpha * Math.pow(t, -alpha - 1);
    double tError = quantileStandardError(LEVEL, INIT, density);

    assertThat(tail.initialThreshold()).isCloseTo(t, within(SE * tError));
    assertThat(tail.fit().gamma())
        .isCloseTo(gamma, within(SE * gammaStandardError(gamma, tail.peaks())));
    assertThat(tail.fit().sigma())
        .isCloseTo(sigma, within(SE * sigmaStandardError(gamma, sigma, tail.peaks())));
    assertThat(spot.current().getAsDouble())
        .isCloseTo(
            Math.pow(Q, -1 / alpha),
            within(SE * zStandardError(gamma, sigma, t, Q, p, tail.peaks(), tError)));
  }

  @Test
  void scoreAboveZqIsAnExcessCensoredAtZqWhateverItsSize() {
    SpotThreshold spot = calibrated(7);
    SpotThreshold copy = SpotThreshold.fromBytes(spot.toBytes());
    TailSummary before = spot.tail().orElseThrow();

    spot.observe(before.extremeQuantile() + 1);
    copy.observe(before.extremeQuantile() + 1e6);

    TailSummary after = spot.tail().orElseThrow();
    assertThat(after.n()).isEqualTo(before.n() + 1);
    assertThat(after.peaks()).isEqualTo(before.peaks() + 1);
    assertThat(after.keptPeaks()).isEqualTo(before.keptPeaks() + 1);
    assertThat(after.fit().method()).isEqualTo(GpdFit.Method.CENSORED);
    // Knowing the tail reached z_q raises it; how far beyond z_q the alarm went is not learned.
    assertThat(after.extremeQuantile()).isGreaterThan(before.extremeQuantile());
    assertThat(copy.toBytes()).isEqualTo(spot.toBytes());
    assertThat(spot.observations()).isEqualTo(INIT_SMALL + 1);
  }

  @Test
  void scoreBetweenTAndZqAddsAPeakAndRefits() {
    SpotThreshold spot = calibrated(8);
    TailSummary before = spot.tail().orElseThrow();

    spot.observe(before.extremeQuantile() - 1e-9);

    TailSummary after = spot.tail().orElseThrow();
    assertThat(after.n()).isEqualTo(before.n() + 1);
    assertThat(after.peaks()).isEqualTo(before.peaks() + 1);
    assertThat(after.fit()).isNotEqualTo(before.fit());
  }

  @Test
  void scoreAtOrBelowTOnlyCounts() {
    SpotThreshold spot = calibrated(9);
    TailSummary before = spot.tail().orElseThrow();

    spot.observe(before.initialThreshold());

    TailSummary after = spot.tail().orElseThrow();
    assertThat(after.n()).isEqualTo(before.n() + 1);
    assertThat(after.peaks()).isEqualTo(before.peaks());
    assertThat(after.fit()).isEqualTo(before.fit());
  }

  @Test
  void keepsOnlyTheMostRecentMaxPeaks() {
    SplittableRandom random = new SplittableRandom(10);
    SpotThreshold spot = new SpotThreshold(1e-3, 0.9, 200, 40);
    for (int i = 0; i < 5_000; i++) {
      spot.observe(Synthetic.exponential(random, 1));
    }
    TailSummary tail = spot.tail().orElseThrow();

    assertThat(tail.keptPeaks()).isEqualTo(40);
    assertThat(tail.peaks()).isGreaterThan(5 * 40);
    assertThat(spot.toBytes().length).isLessThan(1_000);
  }

  @Test
  void restoredCopyContinuesIdenticallyWhileCalibrating() {
    assertRestoredCopyContinuesIdentically(150);
  }

  @Test
  void restoredCopyContinuesIdenticallyOnceCalibrated() {
    assertRestoredCopyContinuesIdentically(700);
  }

  private static void assertRestoredCopyContinuesIdentically(int splitAt) {
    SplittableRandom random = new SplittableRandom(5);
    double[] scores = Synthetic.sample(3_000, () -> Synthetic.exponential(random, 2));
    SpotThreshold original = new SpotThreshold(1e-3, 0.95, 400, 100);
    for (int i = 0; i < splitAt; i++) {
      original.observe(scores[i]);
    }

    SpotThreshold restored = SpotThreshold.fromBytes(original.toBytes());

    for (int i = splitAt; i < scores.length; i++) {
      original.observe(scores[i]);
      restored.observe(scores[i]);
      assertThat(restored.current()).isEqualTo(original.current());
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    assertThat(ThresholdFactory.restore(original.toBytes())).isInstanceOf(SpotThreshold.class);
  }

  private static final int INIT_SMALL = 1_000;

  private static SpotThreshold calibrated(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SpotThreshold spot = new SpotThreshold(1e-3, 0.9, INIT_SMALL, 500);
    for (int i = 0; i < INIT_SMALL; i++) {
      spot.observe(Synthetic.exponential(random, 1));
    }
    return spot;
  }
}
