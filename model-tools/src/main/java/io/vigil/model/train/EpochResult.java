package io.vigil.model.train;

/**
 * One epoch of training.
 *
 * @param epoch the epoch, from 1
 * @param trainingLoss mean loss over the epoch's mini-batches (noise and dropout applied)
 * @param validationLoss mean loss on the validation windows in inference mode; NaN without them
 * @param improved whether this epoch's validation loss is the best so far (always, without them)
 * @param seconds how long the epoch took, for the report only
 */
public record EpochResult(
    int epoch, double trainingLoss, double validationLoss, boolean improved, double seconds) {}
