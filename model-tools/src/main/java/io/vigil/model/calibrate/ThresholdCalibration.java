package io.vigil.model.calibrate;

import java.util.Arrays;

/**
 * Computes the suggested threshold: the {@code quantile} of held-out window scores (linear
 * interpolation between order statistics), times {@code margin}.
 *
 * <p>Defaults (quantile 0.99, margin 1.5) follow the SKAB reference's upper control limit, 1.5
 * times the 0.99 quantile of residuals the model has not fitted, so that roughly one normal window
 * in a few hundred, not one in a hundred, crosses it.
 *
 * @param quantile in (0, 1]
 * @param margin a factor in (0, 100]
 */
public record ThresholdCalibration(double quantile, double margin) {

  /** The smallest threshold written: the contract requires a positive one. */
  public static final double FLOOR = 1e-9;

  /** The defaults: 1.5 times the 0.99 quantile. */
  public static final ThresholdCalibration DEFAULT = new ThresholdCalibration(0.99, 1.5);

  /** Validates the fields. */
  public ThresholdCalibration {
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException(
          "threshold quantile = " + quantile + " is invalid, allowed: (0, 1]");
    }
    if (!(margin > 0 && margin <= 100)) {
      throw new IllegalArgumentException(
          "threshold margin = " + margin + " is invalid, allowed: (0, 100]");
    }
  }

  /**
   * Returns the suggested threshold for these scores.
   *
   * @param scores window scores of held-out data, at least one, finite
   * @return {@code margin * quantile(scores)}, at least {@link #FLOOR}
   */
  public double suggest(double[] scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores to calibrate the threshold on");
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    return Math.max(FLOOR, margin * quantile(sorted, quantile));
  }

  /** The {@code q}-quantile of sorted values, interpolating linearly (numpy's default). */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }
}
