package io.vigil.model.data;

import io.vigil.inference.contract.Scaler;
import java.util.List;

/**
 * Fits the contract's standardisation on training rows: per channel, the mean and the population
 * standard deviation of the values present (NaN skipped).
 *
 * <p>A channel that is constant in the training rows gets std 1, as scikit-learn's {@code
 * StandardScaler} does: its errors are then counted in raw units instead of dividing by zero, and
 * any change still shows.
 *
 * <p>An optional relative floor keeps a channel that barely moved during a short training period
 * from dominating every later score: with floor r, std is at least {@code r * |mean|}. A
 * temperature of 70 °C that varied by 0.05 °C in the training rows would otherwise turn a normal
 * drift of one degree into 20 standard deviations (400 in the squared score); a 1 % floor counts it
 * as 1.4. It acts like a sensor resolution, and leaves channels with real variation alone.
 */
public final class ScalerFit {
  /** Below this fraction of the mean's magnitude (or of 1) a std counts as zero. */
  static final double CONSTANT = 1e-6;

  private ScalerFit() {}

  /**
   * Fits the scaler with no floor.
   *
   * @param series the training rows, all with the same channels
   * @return the scaler
   * @throws IllegalArgumentException if a channel has no value at all
   */
  public static Scaler fit(List<Series> series) {
    return fit(series, 0);
  }

  /**
   * Fits the scaler, with each std at least {@code relativeFloor} times the magnitude of the
   * channel's mean.
   *
   * @param series the training rows, all with the same channels
   * @param relativeFloor in [0, 1]; 0 for none
   * @return the scaler
   * @throws IllegalArgumentException if a channel has no value at all
   */
  public static Scaler fit(List<Series> series, double relativeFloor) {
    if (!(relativeFloor >= 0 && relativeFloor <= 1)) {
      throw new IllegalArgumentException(
          "relativeFloor = " + relativeFloor + ", expected a number in [0, 1]");
    }
    int f = series.get(0).channelCount();
    double[] sum = new double[f];
    double[] squares = new double[f];
    long[] count = new long[f];
    // Two passes would be more exact; values are float32 sensor readings and the mean is removed
    // before squaring via the shift of the first value, which keeps the one pass accurate.
    double[] shift = new double[f];
    boolean[] shifted = new boolean[f];
    for (Series s : series) {
      for (int i = 0; i < s.rows(); i++) {
        for (int k = 0; k < f; k++) {
          float v = s.value(i, k);
          if (Float.isNaN(v)) {
            continue;
          }
          if (!shifted[k]) {
            shift[k] = v;
            shifted[k] = true;
          }
          double d = v - shift[k];
          sum[k] += d;
          squares[k] += d * d;
          count[k]++;
        }
      }
    }
    float[] mean = new float[f];
    float[] std = new float[f];
    for (int k = 0; k < f; k++) {
      if (count[k] == 0) {
        throw new IllegalArgumentException(
            "channel '" + series.get(0).channels().get(k) + "' has no value in the training rows");
      }
      double m = sum[k] / count[k];
      double variance = Math.max(0, squares[k] / count[k] - m * m);
      double sd = Math.sqrt(variance);
      double mu = m + shift[k];
      mean[k] = (float) mu;
      std[k] = sd < CONSTANT * Math.max(1, Math.abs(mu)) ? 1f : (float) sd;
      std[k] = (float) Math.max(std[k], relativeFloor * Math.abs(mu));
    }
    return Scaler.of(mean, std);
  }
}
