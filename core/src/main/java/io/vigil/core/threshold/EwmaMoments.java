package io.vigil.core.threshold;

/**
 * Exponentially weighted mean and variance of a series, with the start-up bias removed.
 *
 * <p>The recursion is Finch's (2009, "Incremental calculation of weighted mean and variance"): the
 * first value sets the mean with variance 0, and each later value {@code x}, with {@code d = x -
 * mean}, updates {@code mean += alpha * d} and {@code variance = (1 - alpha) * (variance + alpha *
 * d * d)}. Started at 0, that variance is biased low for a long time: after n values of a
 * stationary series its expectation is {@code c_n * s^2}, with (r = 1 - alpha, M = alpha / (2 -
 * alpha), the steady variance of the mean in units of s^2)
 *
 * <pre>
 *   c_n = (1 - r^(n-1)) * (r * (1 + M) + (1 - M) * r^(n-1))
 * </pre>
 *
 * which is 0.63 after 50 values at alpha 0.02 and tends to {@code 2 r / (2 - alpha)}. {@link
 * #predictiveVariance()} divides by c_n and multiplies by {@code 1 + m_n}, where {@code m_n = M +
 * (1 - M) r^(2(n-1))} is the variance of the current mean in units of s^2: the result is an
 * unbiased estimate, for independent values, of the variance of the next value about the current
 * mean, so that {@code mean + k * sqrt(predictiveVariance())} is k standard deviations from the
 * first values on. Both factors depend only on n and alpha, so the stored state is the raw
 * recursion's; after alpha changes they are evaluated at the new alpha, which is exact again once
 * {@code r^n} is negligible.
 */
final class EwmaMoments {
  private final double alpha;
  private long count;
  private double mean;
  private double variance;

  EwmaMoments(double alpha) {
    this.alpha = alpha;
  }

  EwmaMoments(double alpha, long count, double mean, double variance) {
    this.alpha = alpha;
    this.count = count;
    this.mean = mean;
    this.variance = variance;
  }

  void observe(double x) {
    if (count == 0) {
      mean = x;
      variance = 0;
    } else {
      double d = x - mean;
      double increment = alpha * d;
      mean += increment;
      variance = (1 - alpha) * (variance + d * increment);
    }
    count++;
  }

  long count() {
    return count;
  }

  double mean() {
    return mean;
  }

  /** The raw recursion's variance (biased low at the start), as stored. */
  double variance() {
    return variance;
  }

  /**
   * The bias-corrected variance of the next value about the current mean.
   *
   * @return the variance, 0 before two values (or with alpha 1, where the mean is the last value)
   */
  double predictiveVariance() {
    if (count < 2) {
      return 0;
    }
    double r = 1 - alpha;
    double meanShare = alpha / (2 - alpha);
    double decay = Math.pow(r, count - 1);
    double expected = (1 - decay) * (r * (1 + meanShare) + (1 - meanShare) * decay);
    if (!(expected > 0)) {
      return 0;
    }
    double meanVariance = meanShare + (1 - meanShare) * decay * decay;
    return variance / expected * (1 + meanVariance);
  }
}
