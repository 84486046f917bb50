package io.vigil.model.train;

/**
 * Follows a training run, e.g. to draw a progress bar. Called on the training thread; every method
 * does nothing by default.
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * A mini-batch of the current epoch was trained.
   *
   * @param epoch the epoch, from 1
   * @param epochs the most epochs
   * @param batch mini-batches done in this epoch
   * @param batches mini-batches per epoch
   */
  default void onBatch(int epoch, int epochs, int batch, int batches) {}

  /**
   * An epoch ended.
   *
   * @param result its losses
   * @param epochs the most epochs
   */
  default void onEpoch(EpochResult result, int epochs) {}

  /**
   * A member of an ensemble starts training; not called for a single network.
   *
   * @param member the member, from 0
   * @param members how many there are
   * @param seed its seed
   */
  default void onMember(int member, int members, long seed) {}
}
