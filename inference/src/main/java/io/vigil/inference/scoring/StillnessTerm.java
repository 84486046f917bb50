package io.vigil.inference.scoring;

import java.util.Arrays;

/**
 * A score term for a channel that moves less than it normally does: a frozen sensor, or one stuck
 * behind a dead gateway. A reconstruction error cannot see it reliably, because a still channel
 * loses its noise and its fine structure, and the model's reconstruction of those is itself smooth.
 *
 * <p>Per window and channel, {@code v[f]} is the mean over the window's W-1 steps of the squared
 * step {@code (x[t, f] - x[t-1, f])^2}, in raw units, and {@code r[f] = v[f] / normal[f]} its ratio
 * to the channel's normal value (measured on the training data). The term is {@code weight * max(0,
 * 1 - r[f] / tolerance)^2}: nothing while the channel moves at least {@code tolerance} times as
 * much as it normally does, {@code weight} when it does not move at all. A model adds it to its
 * channel scores (and so, through their mean, to its score).
 *
 * <p>Windows are flat, row-major {@code [n][W][F]} float arrays, as in {@link ReconstructionError}.
 * Steps are computed in float32, like the in-graph version; the means accumulate in double.
 *
 * @param normal per feature, the mean squared step of the channel on normal data, raw units
 *     squared; each finite and positive
 * @param tolerance the share of its normal movement below which a channel counts as still; in (0,
 *     1]
 * @param weight the term of a channel that does not move at all, in score units; finite and
 *     positive
 */
public record StillnessTerm(float[] normal, double tolerance, double weight) {

  /** Validates the fields and copies {@code normal}. */
  public StillnessTerm {
    normal = normal.clone();
    if (normal.length == 0) {
      throw new IllegalArgumentException("normal is empty, expected one value per feature");
    }
    for (int f = 0; f < normal.length; f++) {
      if (!(Float.isFinite(normal[f]) && normal[f] > 0)) {
        throw new IllegalArgumentException(
            "normal[" + f + "] = " + normal[f] + ", expected a finite number > 0");
      }
    }
    if (!(tolerance > 0 && tolerance <= 1)) {
      throw new IllegalArgumentException(
          "tolerance = " + tolerance + ", expected a number in (0, 1]");
    }
    if (!(Double.isFinite(weight) && weight > 0)) {
      throw new IllegalArgumentException("weight = " + weight + ", expected a finite number > 0");
    }
  }

  /** Returns a copy of the per-feature normal mean squared steps. */
  @Override
  public float[] normal() {
    return normal.clone();
  }

  /** Returns F. */
  public int featureCount() {
    return normal.length;
  }

  /**
   * Adds the term to the channel scores of {@code count} windows.
   *
   * @param windows flat {@code [count][window][features]} inputs, raw units
   * @param count n, the number of windows
   * @param window W, at least 2
   * @param channelScores flat {@code [count][features]} channel scores, added to in place
   */
  public void addTo(float[] windows, int count, int window, float[] channelScores) {
    int features = normal.length;
    if (window < 2) {
      throw new IllegalArgumentException("window = " + window + ", expected at least 2 frames");
    }
    int size = window * features;
    ReconstructionError.requireLength("windows", windows, count * size);
    ReconstructionError.requireLength("channelScores", channelScores, count * features);
    double[] sums = new double[features];
    for (int b = 0; b < count; b++) {
      Arrays.fill(sums, 0.0);
      int base = b * size;
      for (int t = 1; t < window; t++) {
        int row = base + t * features;
        for (int f = 0; f < features; f++) {
          float step = windows[row + f] - windows[row - features + f];
          sums[f] += (double) step * step;
        }
      }
      for (int f = 0; f < features; f++) {
        channelScores[b * features + f] += (float) term(sums[f] / (window - 1), f);
      }
    }
  }

  /**
   * Returns the term of one channel.
   *
   * @param meanSquaredStep the window's mean squared step of channel {@code f}, raw units squared
   * @param f the channel
   * @return the term, in [0, weight]
   */
  public double term(double meanSquaredStep, int f) {
    double gap = Math.max(0.0, 1.0 - meanSquaredStep / level(f));
    return weight * gap * gap;
  }

  /**
   * Returns the mean squared step below which channel {@code f} counts as still ({@code normal[f] *
   * tolerance}), in float32 as the graph holds it.
   *
   * @param f the channel
   * @return the level, raw units squared
   */
  public float level(int f) {
    return (float) (normal[f] * tolerance);
  }
}
