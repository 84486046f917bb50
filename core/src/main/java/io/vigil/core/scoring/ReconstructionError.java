package io.vigil.core.scoring;

/**
 * Computes the reconstruction error of a window, the number the detector thresholds.
 *
 * <p>For a window {@code x[t][f]} of {@code W} frames and {@code F} channels, its reconstruction
 * {@code r[t][f]}, and an optional per-channel scale {@code s[f]} (the standard deviation of the
 * model's scaler; 1 when absent):
 *
 * <pre>
 *   e[t][f]          = ((x[t][f] - r[t][f]) / s[f])^2
 *   channelScore[f]  = (1 / W) * sum over t of e[t][f]          (mean over time)
 *   score            = (1 / F) * sum over f of channelScore[f]  (mean over channels)
 * </pre>
 *
 * <p>Because the scaler's mean cancels in {@code x - r}, dividing the raw difference by the scale
 * is the same as comparing standardised values. So {@code score} is the mean squared error over all
 * {@code W*F} cells, and equals the mean of the channel scores. An exported model's {@code
 * channel_scores} output is {@code ReduceMean(Square(Div(Sub(x, r), s)), axis=time)} and its {@code
 * score} output is the mean of that over channels. Sums are accumulated in double here, so results
 * agree with a float32 graph to float precision (about 1e-6 relative), not bit for bit.
 */
public final class ReconstructionError {
  private ReconstructionError() {}

  /**
   * Computes the window and channel scores.
   *
   * @param window the input window, {@code [W][F]}, raw units
   * @param reconstruction the model's reconstruction, same shape and units
   * @param scale per-channel standard deviations ({@code [F]}, each finite and > 0), or null to
   *     compute errors in raw units
   * @return the window error
   * @throws IllegalArgumentException when shapes disagree or a value is not finite, naming where
   */
  public static WindowError compute(float[][] window, float[][] reconstruction, float[] scale) {
    int frames = window.length;
    if (frames == 0) {
      throw new IllegalArgumentException("window: expected at least one frame, found 0");
    }
    if (reconstruction.length != frames) {
      throw new IllegalArgumentException(
          "reconstruction: expected " + frames + " frames, found " + reconstruction.length);
    }
    int channels = window[0].length;
    if (channels == 0) {
      throw new IllegalArgumentException("window: expected at least one channel, found 0");
    }
    if (scale != null) {
      checkScale(scale, channels);
    }
    double[] channelScores = new double[channels];
    for (int t = 0; t < frames; t++) {
      float[] x = window[t];
      float[] r = reconstruction[t];
      if (x.length != channels) {
        throw new IllegalArgumentException(
            "window: frame " + t + " has " + x.length + " channels, expected " + channels);
      }
      if (r.length != channels) {
        throw new IllegalArgumentException(
            "reconstruction: frame " + t + " has " + r.length + " channels, expected " + channels);
      }
      for (int f = 0; f < channels; f++) {
        if (!Float.isFinite(x[f]) || !Float.isFinite(r[f])) {
          throw new IllegalArgumentException(
              "non-finite value at frame "
                  + t
                  + ", channel "
                  + f
                  + ": window "
                  + x[f]
                  + ", reconstruction "
                  + r[f]
                  + "; expected finite values");
        }
        double d = (double) x[f] - (double) r[f];
        if (scale != null) {
          d /= scale[f];
        }
        channelScores[f] += d * d;
      }
    }
    double total = 0;
    for (int f = 0; f < channels; f++) {
      channelScores[f] /= frames;
      total += channelScores[f];
    }
    return new WindowError(total / channels, channelScores);
  }

  private static void checkScale(float[] scale, int channels) {
    if (scale.length != channels) {
      throw new IllegalArgumentException(
          "scale: expected " + channels + " values (one per channel), found " + scale.length);
    }
    for (int f = 0; f < channels; f++) {
      // A zero scale would divide by zero; scalers replace a zero deviation with 1 on export.
      if (!Float.isFinite(scale[f]) || scale[f] <= 0) {
        throw new IllegalArgumentException(
            "scale: channel " + f + " is " + scale[f] + "; expected a finite value > 0");
      }
    }
  }
}
