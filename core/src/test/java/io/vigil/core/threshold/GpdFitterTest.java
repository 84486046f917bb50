package io.vigil.core.threshold;

import static io.vigil.core.threshold.Synthetic.gammaStandardError;
import static io.vigil.core.threshold.Synthetic.sigmaStandardError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GpdFitterTest {
  /** Estimates must lie within this many asymptotic standard errors of the true value. */
  private static final double SE = 4;

  private static final int N = 20_000;

  @Test
  void fitsExponentialExcessesWithShapeNearZero() {
    SplittableRandom random = new SplittableRandom(11);
    double[] excesses = Synthetic.sample(N, () -> Synthetic.exponential(random, 2.0));

    GpdFit fit = GpdFitter.fit(excesses, N);

    assertThat(fit.method()).isEqualTo(GpdFit.Method.GRIMSHAW);
    assertThat(fit.gamma()).isCloseTo(0.0, within(SE * gammaStandardError(0, N)));
    assertThat(fit.sigma()).isCloseTo(2.0, within(SE * sigmaStandardError(0, 2.0, N)));
  }

  @Test
  void censoredFitRecoversTheTailThatTruncationBiasesLow() {
    // GPD(0.25, 1): the 2 % largest are known only to lie above the 98 % quantile c, as SPOT's
    // alarms are known only to lie above z_q.
    SplittableRandom random = new SplittableRandom(13);
    double gamma = 0.25;
    double c = 1 / gamma * (Math.pow(0.02, -gamma) - 1);
    double[] exact = new double[N];
    double[] censored = new double[N];
    int exactCount = 0;
    int censoredCount = 0;
    for (int i = 0; i < N; i++) {
      double y = Synthetic.gpd(random, gamma, 1);
      if (y > c) {
        censored[censoredCount++] = c;
      } else {
        exact[exactCount++] = y;
      }
    }

    GpdFit fit = GpdFitter.fitCensored(exact, exactCount, censored, censoredCount);
    GpdFit truncated = GpdFitter.fit(exact, exactCount);

    assertThat(fit.method()).isEqualTo(GpdFit.Method.CENSORED);
    assertThat(fit.gamma()).isCloseTo(gamma, within(SE * gammaStandardError(gamma, N)));
    assertThat(fit.sigma()).isCloseTo(1.0, within(SE * sigmaStandardError(gamma, 1.0, N)));
    assertThat(truncated.gamma()).isLessThan(gamma - SE * gammaStandardError(gamma, N));
  }

  @Test
  void withoutCensoredExcessesTheCensoredFitIsThePlainOne() {
    SplittableRandom random = new SplittableRandom(14);
    double[] excesses = Synthetic.sample(500, () -> Synthetic.exponential(random, 1.0));

    assertThat(GpdFitter.fitCensored(excesses, 500, new double[0], 0))
        .isEqualTo(GpdFitter.fit(excesses, 500));
  }

  @Test
  void refitFromThePreviousFitFindsTheMaximumOfTheFullSearch() {
    // As SPOT's ring turns over: 400 excesses, then one in and one out per step, with every 25th
    // new excess censored at a bound; on heavy, exponential and bounded tails; and without any
    // censoring, where the full search is Grimshaw's roots of w.
    for (double[] shape : new double[][] {{0.3, 25}, {0.05, 25}, {-0.25, 25}, {0.2, 0}}) {
      double gamma = shape[0];
      int censorEvery = (int) shape[1];
      SplittableRandom random = new SplittableRandom(15);
      int size = 400;
      double[] ring = new double[size];
      for (int i = 0; i < size; i++) {
        ring[i] = Synthetic.gpd(random, gamma, 1.0);
      }
      GpdFit previous = split(ring, GpdFitter::fitCensored);
      int warm = 0;
      for (int step = 0; step < 300; step++) {
        double y = Synthetic.gpd(random, gamma, 1.0);
        ring[step % size] = censorEvery > 0 && step % censorEvery == 0 ? -Math.min(y, 1.5) : y;
        GpdFit full = split(ring, GpdFitter::fitCensored);
        GpdFit start = previous;
        GpdFit refit = split(ring, (e, n, c, m) -> GpdFitter.refit(e, n, c, m, start));

        assertThat(refit.method())
            .as("gamma %s step %d", gamma, step)
            .isEqualTo(full.method())
            .isEqualTo(censorEvery > 0 ? GpdFit.Method.CENSORED : GpdFit.Method.GRIMSHAW);
        // The full search's golden section locates a flat maximum only to about the square root of
        // the double precision in x; the slope's root is finer. Measured: at most 1.4e-7 apart.
        assertThat(refit.quantile(1, 1e-4, 50_000, size))
            .as("z_q, gamma %s step %d", gamma, step)
            .isCloseTo(full.quantile(1, 1e-4, 50_000, size), withinPercentage(1e-4));
        warm += refit.equals(full) ? 0 : 1;
        previous = refit;
      }
      // The fits are not the full search's, bit for bit: the warm path did run.
      assertThat(warm).as("warm refits, gamma %s", gamma).isGreaterThan(250);
    }
  }

  @Test
  void refitWithoutALikelihoodFitToStartFromIsTheFullSearch() {
    SplittableRandom random = new SplittableRandom(16);
    double[] exact = Synthetic.sample(300, () -> Synthetic.gpd(random, 0.2, 1.0));
    double[] censored = {2.5, 3.0};
    GpdFit full = GpdFitter.fitCensored(exact, 300, censored, 2);

    for (GpdFit previous :
        new GpdFit[] {
          GpdFit.NONE,
          new GpdFit(0.2, 1.0, GpdFit.Method.MOMENTS),
          new GpdFit(0, 1.0, GpdFit.Method.CENSORED),
          // Outside the support of the new excesses: x * max < -1.
          new GpdFit(-0.9, 0.01, GpdFit.Method.GRIMSHAW)
        }) {
      assertThat(GpdFitter.refit(exact, 300, censored, 2, previous)).isEqualTo(full);
    }
  }

  /** A fit of exact and censored excesses as arguments, like {@link GpdFitter#fitCensored}. */
  private interface Fitter {
    GpdFit fit(double[] exact, int count, double[] censored, int censoredCount);
  }

  /** Fits a ring holding exact excesses as positive and censoring bounds as negative values. */
  private static GpdFit split(double[] ring, Fitter fitter) {
    double[] exact = new double[ring.length];
    double[] censored = new double[ring.length];
    int count = 0;
    int censoredCount = 0;
    for (double value : ring) {
      if (value > 0) {
        exact[count++] = value;
      } else {
        censored[censoredCount++] = -value;
      }
    }
    return fitter.fit(exact, count, censored, censoredCount);
  }

  @Test
  void fitsTheHeavyTailOfAParetoDistribution() {
    // Pareto(alpha = 4) above t = 2: excesses are GPD with gamma = 1/4 and sigma = t/4 = 0.5.
    SplittableRandom random = new SplittableRandom(12);
    double t = 2.0;
    double[] excesses = new double[N];
    int kept = 0;
    while (kept < N) {
      double x = Synthetic.pareto(random, 4);
      if (x > t) {
        excesses[kept++] = x - t;
      }
    }

    GpdFit fit = GpdFitter.fit(excesses, N);

    assertThat(fit.gamma()).isCloseTo(0.25, within(SE * gammaStandardError(0.25, N)));
    assertThat(fit.sigma()).isCloseTo(0.5, within(SE * sigmaStandardError(0.25, 0.5, N)));
  }

  @Test
  void fitsABoundedTailWithNegativeShape() {
    SplittableRandom random = new SplittableRandom(13);
    double[] excesses = Synthetic.sample(N, () -> Synthetic.gpd(random, -0.3, 1.5));

    GpdFit fit = GpdFitter.fit(excesses, N);

    assertThat(fit.gamma()).isCloseTo(-0.3, within(SE * gammaStandardError(-0.3, N)));
    assertThat(fit.sigma()).isCloseTo(1.5, within(SE * sigmaStandardError(-0.3, 1.5, N)));
  }

  @Test
  void fitIsAMaximumOfTheLikelihood() {
    SplittableRandom random = new SplittableRandom(14);
    double[] excesses = Synthetic.sample(2000, () -> Synthetic.gpd(random, 0.2, 1.0));

    GpdFit fit = GpdFitter.fit(excesses, excesses.length);
    double best = GpdFitter.logLikelihood(excesses, excesses.length, fit.gamma(), fit.sigma());

    for (double[] step : new double[][] {{1e-3, 0}, {-1e-3, 0}, {0, 1e-3}, {0, -1e-3}}) {
      assertThat(
              GpdFitter.logLikelihood(
                  excesses, excesses.length, fit.gamma() + step[0], fit.sigma() + step[1]))
          .isLessThan(best);
    }
  }

  @Test
  void usesMethodOfMomentsBelowTenExcesses() {
    double[] excesses = {0.5, 1.0, 1.5, 2.0, 5.0};
    // mean 2, unbiased variance ((1.5^2 + 1 + 0.5^2 + 0 + 3^2) / 4) = 3.125, mean^2/var = 1.28
    GpdFit fit = GpdFitter.fit(excesses, 5);

    assertThat(fit.method()).isEqualTo(GpdFit.Method.MOMENTS);
    assertThat(fit.gamma()).isCloseTo(0.5 * (1 - 1.28), within(1e-12));
    assertThat(fit.sigma()).isCloseTo(0.5 * 2 * (1 + 1.28), within(1e-12));
  }

  @Test
  void equalExcessesGiveADegenerateExponentialFit() {
    double[] excesses = new double[20];
    Arrays.fill(excesses, 0.7);

    assertThat(GpdFitter.fit(excesses, 20)).isEqualTo(new GpdFit(0, 0.7, GpdFit.Method.DEGENERATE));
  }

  @Test
  void noExcessesGiveNoTailAndTheQuantileIsT() {
    GpdFit fit = GpdFitter.fit(new double[0], 0);

    assertThat(fit.method()).isEqualTo(GpdFit.Method.NONE);
    assertThat(fit.quantile(3.0, 1e-4, 1000, 0)).isEqualTo(3.0);
  }

  @Test
  void extremeQuantileFollowsSifferEquationOne() {
    // r = q n / Nt = 1e-3 * 1000 / 100 = 0.01
    GpdFit heavy = new GpdFit(0.5, 2, GpdFit.Method.GRIMSHAW);
    GpdFit exponential = new GpdFit(0, 2, GpdFit.Method.GRIMSHAW);

    // t + sigma/gamma * (r^-gamma - 1) = 10 + 4 * (10 - 1)
    assertThat(heavy.quantile(10, 1e-3, 1000, 100)).isCloseTo(46.0, within(1e-9));
    // t - sigma ln r
    assertThat(exponential.quantile(10, 1e-3, 1000, 100))
        .isCloseTo(10 + 2 * Math.log(100), within(1e-12));
  }

  @Test
  void extremeQuantileNeverFallsBelowT() {
    // r = 0.5 * 1000 / 10 = 50 > 1: the formula would give z < t.
    assertThat(new GpdFit(0.1, 1, GpdFit.Method.GRIMSHAW).quantile(3, 0.5, 1000, 10))
        .isEqualTo(3.0);
  }
}
