package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The long-run alarm rate of SPOT and DSPOT on stationary scores, against the risk q they are
 * configured with: 200,000 scores each, level 0.98, initSize 1,000, maxPeaks 2,000 (the defaults).
 * Expected alarms are 20 at q = 1e-4 and 200 at q = 1e-3; the bounds (a factor of 2, and of 1.5
 * where 200 are expected) leave room for the Poisson noise of the count and the error of the fit.
 * Before alarms were kept as censored excesses, the same kind of runs gave 1.7 to 8.2 times q.
 */
class PotAlarmRateTest {
  private static final int SCORES = 200_000;

  @Test
  void spotOnExponentialScoresAlarmsAtAboutQ() {
    SplittableRandom random = new SplittableRandom(7);
    assertAlarmRate(1e-4, 2, false, () -> Synthetic.exponential(random, 1));
  }

  @Test
  void spotOnParetoScoresAlarmsAtAboutQ() {
    SplittableRandom random = new SplittableRandom(5);
    assertAlarmRate(1e-3, 1.5, false, () -> Synthetic.pareto(random, 3));
  }

  @Test
  void dspotOnExponentialScoresAlarmsAtAboutQ() {
    SplittableRandom random = new SplittableRandom(7);
    assertAlarmRate(1e-3, 1.5, true, () -> Synthetic.exponential(random, 1));
  }

  @Test
  void dspotOnParetoScoresAlarmsAtAboutQ() {
    SplittableRandom random = new SplittableRandom(5);
    assertAlarmRate(1e-4, 2, true, () -> Synthetic.pareto(random, 3));
  }

  private static void assertAlarmRate(
      double q, double factor, boolean drift, DoubleSupplier scores) {
    AdaptiveThreshold threshold =
        drift
            ? new DspotThreshold(q, 0.98, 1000, 2000, 10)
            : new SpotThreshold(q, 0.98, 1000, 2000);
    double rate = Synthetic.exceedanceRate(threshold, SCORES, scores);
    assertThat(rate).isBetween(q / factor, factor * q);
  }
}
