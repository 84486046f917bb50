package io.vigil.model.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A DJL autoencoder over standardised windows, with access to its trained weights for export.
 * Sealed: the exporter handles exactly these architectures.
 */
public sealed interface Network permits DenseNetwork, LstmNetwork {

  /** Returns the architecture. */
  ModelKind kind();

  /** Returns the block to train and run. */
  Block block();

  /** Returns W. */
  int window();

  /** Returns F. */
  int features();

  /**
   * Returns the input shape of a batch: {@code [n, W*F]} for dense, {@code [n, W, F]} for LSTM.
   * Both hold the window row-major, so the same flat array feeds either.
   */
  Shape inputShape(long batch);
}
