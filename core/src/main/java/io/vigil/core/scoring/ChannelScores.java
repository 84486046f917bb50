package io.vigil.core.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * Per-channel reconstruction errors of one window, with the channel names in the model's feature
 * order. It is the input from which contributions and an episode's top channels are computed.
 */
public final class ChannelScores {
  private final List<String> channels;
  private final double[] scores;

  private ChannelScores(List<String> channels, double[] scores) {
    this.channels = channels;
    this.scores = scores;
  }

  /**
   * Creates the value, checking that names and scores line up and that every score is a finite,
   * non-negative error.
   *
   * @param channels feature names in order, unique
   * @param scores one score per channel
   * @return the value
   */
  public static ChannelScores of(List<String> channels, double[] scores) {
    List<String> names = List.copyOf(channels);
    if (names.size() != scores.length) {
      throw new IllegalArgumentException(
          "channel scores: "
              + scores.length
              + " scores for "
              + names.size()
              + " channels "
              + names
              + "; expected one score per channel");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("channel scores: channel names must be unique: " + names);
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i]) || scores[i] < 0) {
        throw new IllegalArgumentException(
            "channel scores: score of channel '"
                + names.get(i)
                + "' is "
                + scores[i]
                + "; expected a finite value >= 0");
      }
    }
    return new ChannelScores(names, scores.clone());
  }

  /**
   * Returns the channel names.
   *
   * @return names in feature order
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * Returns the number of channels.
   *
   * @return the count
   */
  public int size() {
    return scores.length;
  }

  /**
   * Returns one channel's score.
   *
   * @param index position in feature order
   * @return the score
   */
  public double score(int index) {
    return scores[index];
  }

  /**
   * Returns all scores.
   *
   * @return a copy, in feature order
   */
  public double[] toArray() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelScores other
        && channels.equals(other.channels)
        && Arrays.equals(scores, other.scores);
  }

  @Override
  public int hashCode() {
    return 31 * channels.hashCode() + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "ChannelScores" + channels + Arrays.toString(scores);
  }
}
