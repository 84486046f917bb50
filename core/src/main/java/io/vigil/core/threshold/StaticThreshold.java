package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import java.util.OptionalDouble;

/**
 * A fixed threshold. It learns nothing, but counts what it is shown so that it behaves like the
 * other methods under warm-up and in metrics.
 */
public final class StaticThreshold implements AdaptiveThreshold {
  private final double value;
  private long observations;

  /**
   * Creates the threshold.
   *
   * @param value the fixed threshold, finite and >= 0
   */
  public StaticThreshold(double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          "static threshold is " + value + "; expected a finite value >= 0");
    }
    this.value = value;
  }

  static StaticThreshold create(ThresholdSpec spec) {
    return new StaticThreshold(spec.parameter("value"));
  }

  /** Takes the new value; only the count of scores seen is carried over. */
  StaticThreshold retune(ThresholdSpec spec) {
    StaticThreshold next = create(spec);
    next.observations = observations;
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.STATIC;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public OptionalDouble current() {
    return OptionalDouble.of(value);
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    observations++;
  }

  @Override
  public long observations() {
    return observations;
  }

  @Override
  public byte[] toBytes() {
    return ThresholdCodec.start(method()).putDouble(value).putLong(observations).toBytes();
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static StaticThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.STATIC);
    StaticThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static StaticThreshold read(StateReader in) {
    StaticThreshold threshold = new StaticThreshold(in.getDouble("value"));
    threshold.observations = in.getLong("observations");
    return threshold;
  }
}
