package io.vigil.inference.onnx;

import java.util.List;

/**
 * One fully connected layer, {@code y = activation(x · weights + bias)}, with {@code x} a row
 * vector. Weights are {@code [in][out]}, the ONNX {@code MatMul} orientation; a PyTorch {@code
 * nn.Linear.weight} is {@code [out][in]} and must be transposed. Arrays are copied.
 */
public final class DenseLayer {
  private final float[] weights;
  private final float[] bias;
  private final int inputs;
  private final int outputs;
  private final Activation activation;

  /**
   * Creates a layer.
   *
   * @param weights {@code [in][out]}, rectangular, finite
   * @param bias {@code [out]}, finite
   * @param activation the activation after the affine map
   */
  public DenseLayer(float[][] weights, float[] bias, Activation activation) {
    if (weights.length == 0 || weights[0].length == 0) {
      throw new IllegalArgumentException("dense layer weights are empty, expected [in][out]");
    }
    this.inputs = weights.length;
    this.outputs = weights[0].length;
    if (bias.length != outputs) {
      throw new IllegalArgumentException(
          "dense layer bias has " + bias.length + " values, expected " + outputs + " (out)");
    }
    this.weights = new float[inputs * outputs];
    for (int i = 0; i < inputs; i++) {
      if (weights[i].length != outputs) {
        throw new IllegalArgumentException(
            "dense layer weights row "
                + i
                + " has "
                + weights[i].length
                + " values, expected "
                + outputs);
      }
      System.arraycopy(weights[i], 0, this.weights, i * outputs, outputs);
    }
    FiniteWeights.require("dense layer", "weights", this.weights);
    FiniteWeights.require("dense layer", "bias", bias);
    this.bias = bias.clone();
    this.activation = activation;
  }

  /** Returns the number of inputs. */
  public int inputs() {
    return inputs;
  }

  /** Returns the number of outputs. */
  public int outputs() {
    return outputs;
  }

  /** Returns the activation. */
  public Activation activation() {
    return activation;
  }

  /** Returns the weight {@code [i][o]}. */
  public float weight(int i, int o) {
    return weights[i * outputs + o];
  }

  /** Returns the bias of output {@code o}. */
  public float bias(int o) {
    return bias[o];
  }

  /**
   * Adds the layer's initializers and nodes: {@code MatMul}, {@code Add}, then the activation.
   *
   * @param graph the graph being built
   * @param input a {@code [batch, in]} value
   * @param prefix the initializer name prefix, e.g. {@code dense0}
   * @return the {@code [batch, out]} output
   */
  String build(OnnxGraphBuilder graph, String input, String prefix) {
    String w = graph.initializer(prefix + "_weight", weights, inputs, outputs);
    String b = graph.initializer(prefix + "_bias", bias, outputs);
    String product = graph.node("MatMul", List.of(input, w));
    return activation.apply(graph, graph.node("Add", List.of(product, b)));
  }
}
