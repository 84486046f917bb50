package io.vigil.inference.scoring;

/**
 * How a model that computes its own {@code score} and {@code channel_scores} turns a window and its
 * reconstruction into them. {@link #CONTRACT} is the contract's formula ({@link
 * ReconstructionError}); a model may add a {@link StillnessTerm} to each channel score, and may
 * report the square root of the channel scores' mean as its score instead of the mean itself: the
 * root mean square error, in the scaler's units, whose spread over normal windows is far more
 * symmetric than that of a mean of squares, so that a threshold of a mean plus k standard
 * deviations (the default {@code EWMA} policy) stands as far above normal windows as it claims to.
 *
 * @param stillness the term added to each channel score; {@code null} for none
 * @param rootMean whether the score is the square root of the channel scores' mean
 */
public record ScoreFormula(StillnessTerm stillness, boolean rootMean) {

  /** The contract's formula: channel scores the mean squared error, the score their mean. */
  public static final ScoreFormula CONTRACT = new ScoreFormula(null, false);

  /**
   * Computes the channel scores of {@code count} windows: the contract's mean squared error plus
   * the stillness term, if any.
   *
   * @param windows flat {@code [count][window][features]} inputs, raw units
   * @param reconstructions flat {@code [count][window][features]} reconstructions, raw units
   * @param count n, the number of windows
   * @param window W
   * @param std per-feature standard deviation (F values)
   * @param out flat {@code [count][features]} channel scores, written
   */
  public void channelScores(
      float[] windows, float[] reconstructions, int count, int window, float[] std, float[] out) {
    if (stillness != null && stillness.featureCount() != std.length) {
      throw new IllegalArgumentException(
          "the stillness term has "
              + stillness.featureCount()
              + " channels, the scaler "
              + std.length);
    }
    ReconstructionError.channelScores(windows, reconstructions, count, window, std, out);
    if (stillness != null) {
      stillness.addTo(windows, count, window, out);
    }
  }

  /**
   * Computes the scores of {@code count} windows from their channel scores.
   *
   * @param channelScores flat {@code [count][features]} channel scores
   * @param count n, the number of windows
   * @param features F
   * @param out {@code count} scores, written
   */
  public void scores(float[] channelScores, int count, int features, float[] out) {
    ReconstructionError.scores(channelScores, count, features, out);
    if (rootMean) {
      for (int b = 0; b < count; b++) {
        out[b] = (float) Math.sqrt(out[b]);
      }
    }
  }
}
