package io.vigil.inference.onnx;

import java.util.List;

/**
 * The activation after a dense layer. {@link #NONE} gives a linear layer: a dense autoencoder with
 * only linear layers is a linear (PCA-like) autoencoder.
 */
public enum Activation {
  /** Identity: no node is added. */
  NONE(null),
  /** Hyperbolic tangent, ONNX {@code Tanh}. */
  TANH("Tanh"),
  /** Rectified linear unit, ONNX {@code Relu}. */
  RELU("Relu"),
  /** Logistic sigmoid, ONNX {@code Sigmoid}. */
  SIGMOID("Sigmoid");

  private final String opType;

  Activation(String opType) {
    this.opType = opType;
  }

  /**
   * Appends the activation to {@code input}.
   *
   * @param graph the graph being built
   * @param input the pre-activation value
   * @return the activated value ({@code input} itself for {@link #NONE})
   */
  String apply(OnnxGraphBuilder graph, String input) {
    return opType == null ? input : graph.node(opType, List.of(input));
  }
}
