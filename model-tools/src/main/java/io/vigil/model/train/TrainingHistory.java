package io.vigil.model.train;

import java.util.List;

/**
 * How a training run went.
 *
 * @param epochs every epoch run, in order
 * @param bestEpoch the epoch whose weights were kept (the best validation loss, or the last epoch
 *     without validation), from 1
 * @param stoppedEarly whether early stopping ended the run before the most epochs
 * @param trainingWindows windows trained on
 * @param validationWindows windows validated on
 * @param seconds the whole run, for the report only
 */
public record TrainingHistory(
    List<EpochResult> epochs,
    int bestEpoch,
    boolean stoppedEarly,
    int trainingWindows,
    int validationWindows,
    double seconds) {

  /** Copies the list. */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /** Returns the epoch whose weights were kept. */
  public EpochResult best() {
    return epochs.get(bestEpoch - 1);
  }

  /** Returns the last epoch run. */
  public EpochResult last() {
    return epochs.get(epochs.size() - 1);
  }
}
