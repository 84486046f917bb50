package io.vigil.core.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * The reconstruction error of one window: the window score and one score per channel, in feature
 * order. Immutable; arrays are copied in and out.
 */
public final class WindowError {
  private final double score;
  private final double[] channelScores;

  /**
   * Creates the value.
   *
   * @param score the window score (mean of the channel scores)
   * @param channelScores per-channel scores in feature order
   */
  public WindowError(double score, double[] channelScores) {
    this.score = score;
    this.channelScores = channelScores.clone();
  }

  /**
   * Returns the window score.
   *
   * @return mean of the channel scores
   */
  public double score() {
    return score;
  }

  /**
   * Returns the per-channel scores.
   *
   * @return a copy, in feature order
   */
  public double[] channelScores() {
    return channelScores.clone();
  }

  /**
   * Names the channel scores with the model's feature order.
   *
   * @param channels feature names, as many as there are channels
   * @return the named channel scores
   */
  public ChannelScores named(List<String> channels) {
    return ChannelScores.of(channels, channelScores);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowError other
        && Double.compare(score, other.score) == 0
        && Arrays.equals(channelScores, other.channelScores);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(score) + Arrays.hashCode(channelScores);
  }

  @Override
  public String toString() {
    return "WindowError[score=" + score + ", channelScores=" + Arrays.toString(channelScores) + "]";
  }
}
