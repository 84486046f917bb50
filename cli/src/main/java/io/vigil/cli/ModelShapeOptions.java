package io.vigil.cli;

import io.vigil.model.train.LevelRemoval;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The options every command that trains a model shares ({@code train}, {@code backtest}): the kind,
 * the window shape, the epochs, the seed and the ensemble's members; anything left out takes the
 * kind's defaults.
 */
final class ModelShapeOptions {
  @Option(
      names = "--kind",
      defaultValue = "dense",
      description =
          "dense, lstm, conv, vae, sparse or contractive (default: ${DEFAULT-VALUE}); see"
              + " 'Architectures' in the README.")
  String kind;

  @Option(
      names = "--window",
      description = "W, rows per window (default 32; conv: a multiple of 2^(hidden layers + 1)).")
  Integer window;

  @Option(names = "--stride", description = "S, rows between windows (default 4, at most W).")
  Integer stride;

  @Option(names = "--epochs", description = "Most epochs (lstm default 20, the others 40).")
  Integer epochs;

  @Option(names = "--seed", description = "Seed of every random draw (default 42).")
  Long seed;

  @Option(
      names = "--members",
      description =
          "Networks to train, each from its own seed (default 1). More than one makes an"
              + " ensemble: the model reconstructs a window as the mean of their reconstructions;"
              + " training and scoring cost that many times as much. See 'Ensembles' in the README"
              + " for what it did on SKAB.")
  Integer members;

  @Option(
      names = "--remove-level",
      paramLabel = "none|all|CHANNEL[,CHANNEL...]",
      description =
          "Channels the model reads as changes rather than levels: each window's mean is taken off"
              + " them before the network and added back to the reconstruction, in the exported"
              + " graph too (default none). For channels with a long memory, e.g. temperatures.")
  String removeLevel;

  /**
   * Returns the kind's defaults with these options applied.
   *
   * @return a builder for the caller's further options
   */
  TrainingOptions.Builder builder() {
    TrainingOptions.Builder b = TrainingOptions.defaults(ModelKind.parse(kind)).toBuilder();
    if (window != null) {
      b.window(window);
      if (stride == null) {
        b.stride(Math.min(window, TrainingOptions.defaults(ModelKind.DENSE).stride()));
      }
    }
    if (stride != null) {
      b.stride(stride);
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (members != null) {
      b.members(members);
    }
    if (removeLevel != null) {
      b.levelRemoval(LevelRemoval.parse(removeLevel));
    }
    return b;
  }
}
