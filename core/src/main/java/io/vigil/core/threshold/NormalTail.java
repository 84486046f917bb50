package io.vigil.core.threshold;

/**
 * The upper tail of the standard normal distribution and its inverse, for the anomaly likelihood.
 *
 * <p>The tail uses the complementary error function in the Chebyshev-fitted form of Press et al.,
 * <i>Numerical Recipes</i> (erfcc), with a relative error below 1.2e-7 everywhere, which is more
 * than a threshold on a score needs. The inverse is found by bisection, once per configured risk.
 */
final class NormalTail {
  private NormalTail() {}

  /**
   * Returns {@code P(Z > z)} for a standard normal Z.
   *
   * @param z the point
   * @return the tail probability, in [0, 1]
   */
  static double upper(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * Returns the z with {@code P(Z > z) = p}.
   *
   * @param p a probability in (0, 1)
   * @return z
   */
  static double inverseUpper(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p is " + p + "; expected (0, 1)");
    }
    double lo = -40;
    double hi = 40;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = 0.5 * (lo + hi);
      if (upper(mid) > p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly =
        -1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    double value = t * Math.exp(-z * z + poly);
    return x >= 0 ? value : 2 - value;
  }
}
