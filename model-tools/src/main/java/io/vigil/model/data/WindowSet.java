package io.vigil.model.data;

import io.vigil.inference.contract.Scaler;
import java.util.Arrays;
import java.util.List;

/**
 * Standardised training windows, flat and row-major {@code [n][W][F]}: the layout the ONNX model
 * reads (before its own standardisation) and the DJL trainers feed to the network. Windows that
 * would hold a missing value are left out, since a model cannot learn from a hole.
 */
public final class WindowSet {
  private final float[] values;
  private final int count;
  private final int window;
  private final int features;

  private WindowSet(float[] values, int count, int window, int features) {
    this.values = values;
    this.count = count;
    this.window = window;
    this.features = features;
  }

  /**
   * Cuts windows of W rows every S rows from each series (never across two series) and standardises
   * them.
   *
   * @param series the rows
   * @param window W
   * @param stride S
   * @param scaler the standardisation, fitted on the training rows
   * @return the windows; possibly none when every series is shorter than W
   */
  public static WindowSet of(List<Series> series, int window, int stride, Scaler scaler) {
    int f = scaler.featureCount();
    int size = window * f;
    int total = 0;
    for (Series s : series) {
      total += s.rows() < window ? 0 : (s.rows() - window) / stride + 1;
    }
    float[] out = new float[total * size];
    float[] mean = scaler.means();
    float[] std = scaler.stds();
    int n = 0;
    for (Series s : series) {
      if (s.channelCount() != f) {
        throw new IllegalArgumentException(
            "series " + s.name() + " has " + s.channelCount() + " channels, expected " + f);
      }
      for (int start = 0; start + window <= s.rows(); start += stride) {
        if (fill(s, start, window, mean, std, out, n * size)) {
          n++;
        }
      }
    }
    return new WindowSet(Arrays.copyOf(out, n * size), n, window, f);
  }

  private static boolean fill(
      Series s, int start, int window, float[] mean, float[] std, float[] out, int offset) {
    int f = mean.length;
    for (int t = 0; t < window; t++) {
      for (int k = 0; k < f; k++) {
        float v = s.value(start + t, k);
        if (Float.isNaN(v)) {
          return false;
        }
        out[offset + t * f + k] = (v - mean[k]) / std[k];
      }
    }
    return true;
  }

  /**
   * Returns these windows with each window's mean taken off the masked channels ({@link
   * WindowLevels}); the same windows when nothing is masked.
   *
   * @param mask per feature, whether its level is removed
   * @return the windows without those levels
   */
  public WindowSet withoutLevels(boolean[] mask) {
    if (mask.length != features) {
      throw new IllegalArgumentException(
          "level mask has " + mask.length + " channels, the windows " + features);
    }
    if (!WindowLevels.any(mask)) {
      return this;
    }
    float[] copy = values.clone();
    WindowLevels.remove(copy, count, window, mask);
    return new WindowSet(copy, count, window, features);
  }

  /** Returns n, the number of windows. */
  public int count() {
    return count;
  }

  /** Returns W. */
  public int window() {
    return window;
  }

  /** Returns F. */
  public int features() {
    return features;
  }

  /** Returns {@code W*F}, the values per window. */
  public int size() {
    return window * features;
  }

  /** Returns a copy of window {@code i}, {@code [W][F]} flat. */
  public float[] window(int i) {
    return Arrays.copyOfRange(values, i * size(), (i + 1) * size());
  }

  /**
   * Copies the windows at {@code indices} into {@code into}, one after the other, e.g. a shuffled
   * mini-batch.
   *
   * @param indices window indices
   * @param from the first index of {@code indices} to copy
   * @param to one past the last
   * @param into receives {@code (to - from) * W * F} values
   */
  public void gather(int[] indices, int from, int to, float[] into) {
    int size = size();
    for (int k = from; k < to; k++) {
      System.arraycopy(values, indices[k] * size, into, (k - from) * size, size);
    }
  }

  /** Returns a copy of every value, {@code [n][W][F]} flat. */
  public float[] values() {
    return values.clone();
  }
}
