package io.vigil.model.linear;

import java.util.Arrays;
import java.util.Locale;

/**
 * How {@link PcaAutoencoder} fits a model: the window geometry, the latent size, the unit of each
 * channel, and the scores the model computes in its graph.
 *
 * @param window W, at least 2 with a stillness term
 * @param stride S, in [1, W]
 * @param components latent size, at least 1 (at most W*F, checked at fit)
 * @param scaling the unit of each channel
 * @param stillness the stillness term added to each channel score; {@code null} for none
 * @param rootMeanScore whether the score is the square root of the channel scores' mean (the
 *     window's root mean square error) rather than the mean
 */
public record PcaSettings(
    int window,
    int stride,
    int components,
    ChannelScaling scaling,
    Stillness stillness,
    boolean rootMeanScore) {

  /**
   * How a model scores a channel that moves less than it normally does (see {@link
   * io.vigil.inference.scoring.StillnessTerm}).
   *
   * @param tolerance the share of its normal mean squared step below which a channel counts as
   *     still; in (0, 1]
   * @param strength how much a channel that does not move at all adds to the mean of the channel
   *     scores, in multiples of the mean training score; finite and positive
   */
  public record Stillness(double tolerance, double strength) {

    /** Validates the fields. */
    public Stillness {
      if (!(tolerance > 0 && tolerance <= 1)) {
        throw new IllegalArgumentException(
            "stillness tolerance = " + tolerance + ", expected a number in (0, 1]");
      }
      if (!(Double.isFinite(strength) && strength > 0)) {
        throw new IllegalArgumentException(
            "stillness strength = " + strength + ", expected a finite number > 0");
      }
    }
  }

  /** Validates the fields. */
  public PcaSettings {
    if (window < 1) {
      throw new IllegalArgumentException("window = " + window + ", expected a positive integer");
    }
    if (stride < 1 || stride > window) {
      throw new IllegalArgumentException(
          "stride = " + stride + ", expected an integer in [1, " + window + "] (1..window)");
    }
    if (components < 1) {
      throw new IllegalArgumentException(
          "components = " + components + ", expected a positive integer");
    }
    if (scaling == null) {
      throw new IllegalArgumentException(
          "scaling is null, expected one of " + Arrays.toString(ChannelScaling.values()));
    }
    if (stillness != null && window < 2) {
      throw new IllegalArgumentException(
          "window = " + window + ", a stillness term needs windows of at least 2 frames");
    }
  }

  /**
   * The plain linear autoencoder: channels scaled by their spread, the contract's score.
   *
   * @param window W
   * @param stride S
   * @param components latent size
   * @return the settings
   */
  public static PcaSettings plain(int window, int stride, int components) {
    return new PcaSettings(window, stride, components, ChannelScaling.SPREAD, null, false);
  }

  /** The settings as a JSON object, for a model's provenance. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"window\":%d,\"stride\":%d,\"components\":%d,\"scaling\":\"%s\",\"stillness\":%s,"
            + "\"score\":\"%s\"}",
        window,
        stride,
        components,
        scaling.name().toLowerCase(Locale.ROOT),
        stillness == null
            ? "null"
            : String.format(
                Locale.ROOT,
                "{\"tolerance\":%s,\"strength\":%s}",
                stillness.tolerance(),
                stillness.strength()),
        rootMeanScore ? "root of the mean of the channel scores" : "mean of the channel scores");
  }
}
