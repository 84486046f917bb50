package io.vigil.inference.contract;

import java.util.Arrays;

/**
 * Per-feature standardisation of a model: {@code z = (x - mean) / std}. The contract scores
 * reconstruction errors in units of {@code std}, so that channels measured in different units weigh
 * alike. Values are float32, as the model computes them, so that Vigil's own score computation
 * matches the model's to rounding.
 */
public final class Scaler {
  private final float[] mean;
  private final float[] std;

  private Scaler(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * Creates a scaler; both arrays are copied.
   *
   * @param mean per-feature mean, finite
   * @param std per-feature standard deviation, finite and positive
   * @return the scaler
   * @throws IllegalArgumentException naming the offending feature index and value
   */
  public static Scaler of(float[] mean, float[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "scaler mean has "
              + mean.length
              + " values and std "
              + std.length
              + ", expected the same positive number");
    }
    for (int f = 0; f < mean.length; f++) {
      if (!Float.isFinite(mean[f])) {
        throw new IllegalArgumentException(
            "scaler mean[" + f + "] = " + mean[f] + ", expected a finite number");
      }
      if (!(Float.isFinite(std[f]) && std[f] > 0f)) {
        throw new IllegalArgumentException(
            "scaler std[" + f + "] = " + std[f] + ", expected a finite number > 0");
      }
    }
    return new Scaler(mean.clone(), std.clone());
  }

  /**
   * Returns the scaler that changes nothing (mean 0, std 1): what the contract assumes when a model
   * declares no scaler.
   *
   * @param featureCount F
   * @return the identity scaler for F features
   */
  public static Scaler identity(int featureCount) {
    float[] zeros = new float[featureCount];
    float[] ones = new float[featureCount];
    Arrays.fill(ones, 1f);
    return of(zeros, ones);
  }

  /** Returns F, the number of features. */
  public int featureCount() {
    return mean.length;
  }

  /** Returns the mean of feature {@code f}. */
  public float mean(int f) {
    return mean[f];
  }

  /** Returns the standard deviation of feature {@code f}. */
  public float std(int f) {
    return std[f];
  }

  /** Returns a copy of the means. */
  public float[] means() {
    return mean.clone();
  }

  /** Returns a copy of the standard deviations. */
  public float[] stds() {
    return std.clone();
  }

  /** Returns whether this is the identity scaler (every mean 0, every std 1). */
  public boolean isIdentity() {
    for (int f = 0; f < mean.length; f++) {
      if (mean[f] != 0f || std[f] != 1f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scaler other
        && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Scaler{mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "}";
  }
}
