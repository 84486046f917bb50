package io.vigil.core.engine;

/**
 * Scores micro-batches of windows: the engine's view of a model. Windows are given flat and
 * row-major, {@code [count][W][F]}, raw values in the model's feature order.
 */
public interface WindowScorer {

  /**
   * Returns the most windows one call may score.
   *
   * @return the batch limit, >= 1
   */
  int maxBatchSize();

  /**
   * Scores the first {@code count} windows of {@code windows}.
   *
   * @param windows {@code count * W * F} values or more; only the first ones are read
   * @param count the windows to score, in [1, {@link #maxBatchSize()}]
   * @return one score and F channel scores per window, in order
   * @throws RuntimeException when the model fails; the engine splits the batch to find the window
   */
  ScoredBatch scoreBatch(float[] windows, int count);

  /** The scores of one batch. */
  interface ScoredBatch {

    /**
     * Returns window {@code i}'s score.
     *
     * @param i the window's place in the batch
     * @return the score; the engine refuses a non-finite one
     */
    float score(int i);

    /**
     * Returns window {@code i}'s per-channel scores.
     *
     * @param i the window's place in the batch
     * @return F scores in feature order
     */
    float[] channelScores(int i);
  }
}
