package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import java.util.OptionalDouble;

/**
 * Threshold = EWMA mean + k * EWMA standard deviation of the scores.
 *
 * <p>The first score sets the mean with zero variance. Each later score {@code x} updates, with
 * {@code d = x - mean}:
 *
 * <pre>
 *   mean     = mean + alpha * d
 *   variance = (1 - alpha) * (variance + alpha * d * d)
 * </pre>
 *
 * which is the exponentially weighted variance of Finch (2009), "Incremental calculation of
 * weighted mean and variance". It is ready after two scores, when the variance can be non-zero.
 */
public final class EwmaThreshold implements AdaptiveThreshold {
  private final double alpha;
  private final double k;
  private long observations;
  private double mean;
  private double variance;

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
  }

  static EwmaThreshold create(ThresholdSpec spec) {
    return new EwmaThreshold(spec.parameter("alpha"), spec.parameter("k"));
  }

  /** Keeps the learned mean and variance under new alpha and k: both stay meaningful. */
  EwmaThreshold retune(ThresholdSpec spec) {
    EwmaThreshold next = create(spec);
    next.observations = observations;
    next.mean = mean;
    next.variance = variance;
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.EWMA;
  }

  @Override
  public boolean isReady() {
    return observations >= 2;
  }

  @Override
  public OptionalDouble current() {
    return isReady() ? OptionalDouble.of(mean + k * Math.sqrt(variance)) : OptionalDouble.empty();
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    if (observations == 0) {
      mean = score;
      variance = 0;
    } else {
      double d = score - mean;
      double increment = alpha * d;
      mean += increment;
      variance = (1 - alpha) * (variance + d * increment);
    }
    observations++;
  }

  @Override
  public long observations() {
    return observations;
  }

  /**
   * Returns the EWMA mean.
   *
   * @return the mean (0 before the first score)
   */
  public double mean() {
    return mean;
  }

  /**
   * Returns the EWMA variance.
   *
   * @return the variance (0 before the second score)
   */
  public double variance() {
    return variance;
  }

  @Override
  public byte[] toBytes() {
    return ThresholdCodec.start(method())
        .putDouble(alpha)
        .putDouble(k)
        .putLong(observations)
        .putDouble(mean)
        .putDouble(variance)
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
    threshold.observations = in.getLong("observations");
    threshold.mean = in.getDouble("mean");
    threshold.variance = in.getDouble("variance");
    return threshold;
  }
}
