package io.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.vigil.inference.onnx.Activation;

/** Small conversions between DJL blocks and the plain weights the exporter reads. */
final class Djl {
  private Djl() {}

  /** Returns the DJL block of an activation. */
  static Block activation(Activation activation) {
    return switch (activation) {
      case TANH -> ai.djl.nn.Activation.tanhBlock();
      case RELU -> ai.djl.nn.Activation.reluBlock();
      case SIGMOID -> ai.djl.nn.Activation.sigmoidBlock();
      case NONE -> throw new IllegalArgumentException("no block for Activation.NONE");
    };
  }

  /**
   * Runs the first {@code children} blocks of a sequential block in inference mode: the part of a
   * network up to its code.
   */
  static NDArray forwardPrefix(
      SequentialBlock block, int children, ParameterStore store, NDArray x) {
    NDList value = new NDList(x);
    int k = 0;
    for (Block child : block.getChildren().values()) {
      if (k++ == children) {
        break;
      }
      value = child.forward(store, value, false);
    }
    return value.singletonOrThrow();
  }

  /** Returns a parameter's values, row-major. */
  static float[] values(Block block, String parameter) {
    Parameter p = block.getParameters().get(parameter);
    if (p == null) {
      throw new IllegalStateException(
          "block "
              + block
              + " has no parameter '"
              + parameter
              + "', it has "
              + block.getParameters().keys());
    }
    return p.getArray().toFloatArray();
  }

  /** Returns the weights of a trained {@code Linear} block. */
  static LinearWeights linear(Block linear, int inputs, int outputs, Activation activation) {
    return new LinearWeights(
        inputs, outputs, values(linear, "weight"), values(linear, "bias"), activation);
  }
}
