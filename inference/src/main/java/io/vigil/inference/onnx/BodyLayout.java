package io.vigil.inference.onnx;

/**
 * The tensor layout an {@link AutoencoderBody} reads and writes. Both carry standardised values;
 * {@link ContractGraphs} converts from and to the contract's {@code [batch, W, F]}.
 */
public enum BodyLayout {
  /** {@code [batch, W*F]}, frames concatenated: dense and linear autoencoders. */
  FLAT,
  /** {@code [batch, W, F]}, time on axis 1: recurrent and convolutional autoencoders. */
  SEQUENCE
}
