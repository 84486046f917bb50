package io.vigil.inference.scoring;

import java.util.Arrays;

/**
 * The contract's anomaly score of a window, computed from its reconstruction: with {@code e = (x -
 * r) / std}, {@code channelScore[f] = mean over t of e[t, f]^2} and {@code score = mean over f of
 * channelScore[f]}.
 *
 * <p>Windows are flat, row-major {@code [n][W][F]} float arrays (frame after frame, the F features
 * of a frame adjacent), the layout the scorer sends to the model. The error {@code e} is computed
 * in float32, like the in-graph version; the means accumulate in double, so the two agree to float
 * rounding.
 */
public final class ReconstructionError {
  private ReconstructionError() {}

  /**
   * Computes the channel scores of {@code count} windows.
   *
   * @param windows flat {@code [count][window][features]} inputs, raw units
   * @param reconstructions flat {@code [count][window][features]} reconstructions, raw units
   * @param count n, the number of windows
   * @param window W
   * @param std per-feature standard deviation (F values)
   * @param out flat {@code [count][features]} channel scores, written
   */
  public static void channelScores(
      float[] windows, float[] reconstructions, int count, int window, float[] std, float[] out) {
    int features = std.length;
    int size = window * features;
    requireLength("windows", windows, count * size);
    requireLength("reconstructions", reconstructions, count * size);
    requireLength("out", out, count * features);
    double[] sums = new double[features];
    for (int b = 0; b < count; b++) {
      Arrays.fill(sums, 0.0);
      int base = b * size;
      for (int t = 0; t < window; t++) {
        int row = base + t * features;
        for (int f = 0; f < features; f++) {
          float e = (windows[row + f] - reconstructions[row + f]) / std[f];
          sums[f] += (double) e * e;
        }
      }
      for (int f = 0; f < features; f++) {
        out[b * features + f] = (float) (sums[f] / window);
      }
    }
  }

  /**
   * Computes the score of {@code count} windows from their channel scores.
   *
   * @param channelScores flat {@code [count][features]} channel scores
   * @param count n, the number of windows
   * @param features F
   * @param out {@code count} scores, written
   */
  public static void scores(float[] channelScores, int count, int features, float[] out) {
    requireLength("channelScores", channelScores, count * features);
    requireLength("out", out, count);
    for (int b = 0; b < count; b++) {
      double sum = 0;
      for (int f = 0; f < features; f++) {
        sum += channelScores[b * features + f];
      }
      out[b] = (float) (sum / features);
    }
  }

  static void requireLength(String name, float[] array, int needed) {
    if (array.length < needed) {
      throw new IllegalArgumentException(
          name + " has " + array.length + " values, expected at least " + needed);
    }
  }
}
