package io.vigil.core.threshold;

import java.util.SplittableRandom;

/** Seeded score generators with known tails, and the asymptotic errors of a tail fit. */
final class Synthetic {
  private Synthetic() {}

  /** Exponential with the given mean: its excesses over any t are GPD(gamma = 0, sigma = mean). */
  static double exponential(SplittableRandom random, double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  /**
   * Pareto with scale 1 and tail index alpha: its excesses over t are GPD(gamma = 1 / alpha, sigma
   * = t / alpha), and P(X > z) = z^-alpha.
   */
  static double pareto(SplittableRandom random, double alpha) {
    return Math.pow(1 - random.nextDouble(), -1 / alpha);
  }

  /** A generalised Pareto variate by inversion. */
  static double gpd(SplittableRandom random, double gamma, double sigma) {
    double u = 1 - random.nextDouble();
    return sigma / gamma * (Math.pow(u, -gamma) - 1);
  }

  /** A standard normal variate by the Box-Muller transform. */
  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /**
   * Runs a threshold over {@code size} scores and returns the share of the scores judged (those
   * arriving once it is ready) that were above the threshold in force when they arrived.
   */
  static double exceedanceRate(
      AdaptiveThreshold threshold, int size, java.util.function.DoubleSupplier draw) {
    long judged = 0;
    long exceeded = 0;
    for (int i = 0; i < size; i++) {
      double score = draw.getAsDouble();
      if (threshold.isReady()) {
        judged++;
        if (score > threshold.current().getAsDouble()) {
          exceeded++;
        }
      }
      threshold.judged(score);
      threshold.observe(score);
    }
    return (double) exceeded / judged;
  }

  static double[] sample(int size, java.util.function.DoubleSupplier draw) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = draw.getAsDouble();
    }
    return values;
  }

  /** Asymptotic standard error of the GPD maximum likelihood shape: (1 + gamma) / sqrt(N). */
  static double gammaStandardError(double gamma, long peaks) {
    return (1 + gamma) / Math.sqrt(peaks);
  }

  /** Asymptotic standard error of the scale: sigma * sqrt(2 (1 + gamma) / N). */
  static double sigmaStandardError(double gamma, double sigma, long peaks) {
    return sigma * Math.sqrt(2 * (1 + gamma) / peaks);
  }

  /**
   * Standard error of z_q by the delta method: the gradient of z in (gamma, sigma) against the
   * asymptotic covariance (1 + gamma) / N * [[1 + gamma, -sigma], [-sigma, 2 sigma^2]], plus the
   * independent error of t in quadrature.
   */
  static double zStandardError(
      double gamma,
      double sigma,
      double t,
      double q,
      double excessRate,
      long peaks,
      double tError) {
    double h = 1e-6;
    long n = 1_000_000_000L;
    long nt = Math.round(excessRate * n);
    double dGamma =
        (new GpdFit(gamma + h, sigma, GpdFit.Method.GRIMSHAW).quantile(t, q, n, nt)
                - new GpdFit(gamma - h, sigma, GpdFit.Method.GRIMSHAW).quantile(t, q, n, nt))
            / (2 * h);
    double dSigma =
        (new GpdFit(gamma, sigma + h, GpdFit.Method.GRIMSHAW).quantile(t, q, n, nt)
                - new GpdFit(gamma, sigma - h, GpdFit.Method.GRIMSHAW).quantile(t, q, n, nt))
            / (2 * h);
    double c = (1 + gamma) / peaks;
    double variance =
        c
            * ((1 + gamma) * dGamma * dGamma
                - 2 * sigma * dGamma * dSigma
                + 2 * sigma * sigma * dSigma * dSigma);
    return Math.sqrt(variance + tError * tError);
  }

  /**
   * Standard error of the empirical p-quantile of n values with density f at the quantile: sqrt(p
   * (1 - p) / n) / f.
   */
  static double quantileStandardError(double p, int n, double density) {
    return Math.sqrt(p * (1 - p) / n) / density;
  }
}
