package io.vigil.model.data;

/**
 * Takes each window's mean off the masked channels and puts it back: the per-window level removal
 * of {@link io.vigil.model.train.LevelRemoval}, on flat {@code [n][W][F]} standardised windows. The
 * exported graph does the same with {@code ReduceMean} over the time axis, so training, calibration
 * and the parity check see exactly what the model sees in the stream.
 */
public final class WindowLevels {
  private WindowLevels() {}

  /**
   * Subtracts, in place, each window's mean from the masked channels.
   *
   * @param windows {@code [n][W][F]} flat, changed in place
   * @param count n
   * @param window W
   * @param mask per feature, whether its level is removed; F is its length
   * @return the levels taken off, {@code [n][F]} flat (0 for the channels kept)
   */
  public static float[] remove(float[] windows, int count, int window, boolean[] mask) {
    int f = mask.length;
    float[] levels = new float[count * f];
    for (int b = 0; b < count; b++) {
      int offset = b * window * f;
      for (int k = 0; k < f; k++) {
        if (!mask[k]) {
          continue;
        }
        double sum = 0;
        for (int t = 0; t < window; t++) {
          sum += windows[offset + t * f + k];
        }
        float level = (float) (sum / window);
        levels[b * f + k] = level;
        for (int t = 0; t < window; t++) {
          windows[offset + t * f + k] -= level;
        }
      }
    }
    return levels;
  }

  /**
   * Adds, in place, the levels {@link #remove} took off.
   *
   * @param windows {@code [n][W][F]} flat, changed in place
   * @param levels {@code [n][F]} flat
   * @param count n
   * @param window W
   * @param features F
   */
  public static void restore(float[] windows, float[] levels, int count, int window, int features) {
    for (int b = 0; b < count; b++) {
      int offset = b * window * features;
      for (int t = 0; t < window; t++) {
        for (int k = 0; k < features; k++) {
          windows[offset + t * features + k] += levels[b * features + k];
        }
      }
    }
  }

  /**
   * Returns whether any channel is masked.
   *
   * @param mask per feature
   * @return true when some level is removed
   */
  public static boolean any(boolean[] mask) {
    for (boolean m : mask) {
      if (m) {
        return true;
      }
    }
    return false;
  }
}
