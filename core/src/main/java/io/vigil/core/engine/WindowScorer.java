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

  /**
   * Scores the first {@code count} windows and returns the extra outputs asked for as well. The
   * default serves {@link ExtraOutputs#NONE} only.
   *
   * @param windows {@code count * W * F} values or more; only the first ones are read
   * @param count the windows to score, in [1, {@link #maxBatchSize()}]
   * @param extras the reconstructions and codes wanted
   * @return the scores, and the reconstructions and codes asked for
   * @throws UnsupportedOperationException if extras are asked of a scorer that has none
   */
  default ScoredBatch scoreBatch(float[] windows, int count, ExtraOutputs extras) {
    if (extras.any()) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " returns no reconstructions or latent codes");
    }
    return scoreBatch(windows, count);
  }

  /**
   * Returns L, the size of the model's latent code.
   *
   * @return L; 0 when the model outputs no code
   */
  default int latentSize() {
    return 0;
  }

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

    /**
     * Returns window {@code i}'s reconstruction, when it was asked for.
     *
     * @param i the window's place in the batch
     * @return {@code W*F} values, row-major (frame after frame), raw units; a fresh array
     * @throws IllegalStateException if the batch was scored without reconstructions
     */
    default float[] reconstruction(int i) {
      throw new IllegalStateException("this batch was scored without reconstructions");
    }

    /**
     * Returns window {@code i}'s latent code, when it was asked for.
     *
     * @param i the window's place in the batch
     * @return L values; a fresh array
     * @throws IllegalStateException if the batch was scored without latent codes
     */
    default float[] latent(int i) {
      throw new IllegalStateException("this batch was scored without latent codes");
    }
  }
}
