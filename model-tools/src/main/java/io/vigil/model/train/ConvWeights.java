package io.vigil.model.train;

import io.vigil.inference.onnx.Activation;

/**
 * The trained weights of one 1-D convolution, as PyTorch holds them: {@code weight} is {@code
 * [out][in][kernel]}, flat and row-major, and applied as a cross-correlation (taps not flipped),
 * like ONNX's {@code Conv}, which reads the same layout.
 *
 * @param inputs input channels
 * @param outputs output channels
 * @param kernel taps per kernel
 * @param stride the step along time
 * @param upsample how many times each step is repeated before the convolution; 1 for none
 * @param weight the kernels, in the layout above
 * @param bias {@code [out]}
 * @param activation the activation that follows the layer
 */
public record ConvWeights(
    int inputs,
    int outputs,
    int kernel,
    int stride,
    int upsample,
    float[] weight,
    float[] bias,
    Activation activation) {

  /** Checks the lengths. */
  public ConvWeights {
    if (weight.length != inputs * outputs * kernel || bias.length != outputs) {
      throw new IllegalArgumentException(
          "convolution "
              + inputs
              + "->"
              + outputs
              + " (kernel "
              + kernel
              + ") has "
              + weight.length
              + " weights and "
              + bias.length
              + " biases, expected "
              + inputs * outputs * kernel
              + " and "
              + outputs);
    }
  }
}
