package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import java.util.OptionalDouble;

/**
 * Threshold = EWMA mean + k * sigma, where sigma is the bias-corrected standard deviation of the
 * next score about the EWMA mean ({@link EwmaMoments}).
 *
 * <p>The raw exponentially weighted variance starts at 0, and the mean starts as the first score:
 * at alpha 0.02, after the default warm-up of 50 windows, the raw variance is expected at 86 % of
 * its steady value while the mean's own error still adds 15 % to a new score's variance about it,
 * so k = 4 stood at about 3.5 standard deviations there. With the correction, sigma is unbiased
 * from the second score on. Measured on a stationary Gaussian series at alpha 0.02 ({@code
 * EwmaThresholdTest}), over windows 51 to 200 of 4,000 runs: exceedances were 2.1 (k = 3) and 5.0
 * (k = 4) times the normal tail before, 1.4 and 2.6 times after; over 200,000 windows of one run,
 * 1.4 (k = 3) after. What remains above the normal tail is the noise of a variance estimated from
 * about {@code 2 / alpha} scores (the ratio to it is t-distributed with about that many degrees of
 * freedom), not a bias. It is ready after two scores.
 */
public final class EwmaThreshold implements AdaptiveThreshold {
  private final double alpha;
  private final double k;
  private EwmaMoments moments;

  /**
   * Creates an empty threshold.
   *
   * @param alpha weight of the newest score, in (0, 1]
   * @param k deviations above the mean, > 0
   */
  public EwmaThreshold(double alpha, double k) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha is " + alpha + "; expected (0, 1]");
    }
    if (!(k > 0) || !Double.isFinite(k)) {
      throw new IllegalArgumentException("k is " + k + "; expected a finite value > 0");
    }
    this.alpha = alpha;
    this.k = k;
    this.moments = new EwmaMoments(alpha);
  }

  static EwmaThreshold create(ThresholdSpec spec) {
    return new EwmaThreshold(spec.parameter("alpha"), spec.parameter("k"));
  }

  /** Keeps the learned mean and variance under new alpha and k: both stay meaningful. */
  EwmaThreshold retune(ThresholdSpec spec) {
    EwmaThreshold next = create(spec);
    next.moments = new EwmaMoments(next.alpha, moments.count(), moments.mean(), moments.variance());
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.EWMA;
  }

  @Override
  public boolean isReady() {
    return moments.count() >= 2;
  }

  @Override
  public OptionalDouble current() {
    return isReady() ? OptionalDouble.of(moments.mean() + k * sigma()) : OptionalDouble.empty();
  }

  @Override
  public void observe(double score) {
    moments.observe(AdaptiveThreshold.checkScore(score));
  }

  @Override
  public long observations() {
    return moments.count();
  }

  /**
   * Returns the EWMA mean.
   *
   * @return the mean (0 before the first score)
   */
  public double mean() {
    return moments.mean();
  }

  /**
   * Returns the raw EWMA variance, as stored (biased low while few scores were seen).
   *
   * @return the variance (0 before the second score)
   */
  public double variance() {
    return moments.variance();
  }

  /**
   * Returns the bias-corrected standard deviation of the next score about the mean, the unit of k.
   *
   * @return sigma (0 before the second score)
   */
  public double sigma() {
    return Math.sqrt(moments.predictiveVariance());
  }

  @Override
  public byte[] toBytes() {
    return ThresholdCodec.start(method())
        .putDouble(alpha)
        .putDouble(k)
        .putLong(moments.count())
        .putDouble(moments.mean())
        .putDouble(moments.variance())
        .toBytes();
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static EwmaThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.EWMA);
    EwmaThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static EwmaThreshold read(StateReader in) {
    EwmaThreshold threshold = new EwmaThreshold(in.getDouble("alpha"), in.getDouble("k"));
    threshold.moments =
        new EwmaMoments(
            threshold.alpha,
            in.getLong("observations"),
            in.getDouble("mean"),
            in.getDouble("variance"));
    return threshold;
  }
}
