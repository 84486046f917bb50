package io.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

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

  /**
   * Returns the code of a batch of standardised windows in inference mode (no dropout, no
   * sampling): what the exported model outputs as {@code latent}.
   *
   * @param store the parameters
   * @param windows a batch in {@link #inputShape}
   * @return {@code [n, L]}
   */
  NDArray encode(ParameterStore store, NDArray windows);
}
