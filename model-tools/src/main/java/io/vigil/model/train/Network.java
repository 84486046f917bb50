package io.vigil.model.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A DJL autoencoder over standardised windows, with access to its trained weights for export.
 * Sealed: the exporter handles exactly these architectures.
 */
public sealed interface Network
    permits DenseNetwork, LstmNetwork, ConvNetwork, PenalisedDenseNetwork {

  /** Returns the architecture. */
  ModelKind kind();

  /**
   * Returns the block to train and run. Its first output is the reconstruction; a penalised network
   * returns each window's weighted penalty second.
   */
  Block block();

  /** Returns W. */
  int window();

  /** Returns F. */
  int features();

  /**
   * Returns the input shape of a batch: {@code [n, W*F]} for the fully connected kinds, {@code [n,
   * W, F]} for LSTM and conv. Both hold the window row-major, so the same flat array feeds either.
   */
  Shape inputShape(long batch);
}
