package io.vigil.model.train;

import io.vigil.inference.onnx.Activation;

/**
 * The trained weights of one fully connected layer, as PyTorch holds them: {@code weight} is {@code
 * [out][in]} flat and row-major ({@code y = x · weightᵀ + bias}); ONNX's {@code MatMul} wants the
 * transpose.
 *
 * @param inputs in
 * @param outputs out
 * @param weight {@code [out][in]} flat
 * @param bias {@code [out]}
 * @param activation the activation that follows the layer
 */
public record LinearWeights(
    int inputs, int outputs, float[] weight, float[] bias, Activation activation) {

  /** Checks the lengths. */
  public LinearWeights {
    if (weight.length != inputs * outputs || bias.length != outputs) {
      throw new IllegalArgumentException(
          "linear layer "
              + inputs
              + "->"
              + outputs
              + " has "
              + weight.length
              + " weights and "
              + bias.length
              + " biases, expected "
              + inputs * outputs
              + " and "
              + outputs);
    }
  }
}
