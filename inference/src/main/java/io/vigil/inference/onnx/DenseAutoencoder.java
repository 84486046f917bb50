package io.vigil.inference.onnx;

import java.util.List;

/**
 * A dense autoencoder body: the flattened standardised window goes through the layers in order,
 * each {@code MatMul + Add + activation}; the last layer gives back {@code W*F} values. With a
 * single hidden layer and {@link Activation#NONE} everywhere it is a linear (PCA-like) autoencoder.
 *
 * @param layers the layers, input to output; sizes must chain, and the last layer's outputs must
 *     equal the first layer's inputs
 */
public record DenseAutoencoder(List<DenseLayer> layers) implements AutoencoderBody {

  /** Checks that the layers chain and reconstruct their input size. */
  public DenseAutoencoder {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a dense autoencoder needs at least one layer");
    }
    for (int k = 1; k < layers.size(); k++) {
      if (layers.get(k).inputs() != layers.get(k - 1).outputs()) {
        throw new IllegalArgumentException(
            "dense layer "
                + k
                + " has "
                + layers.get(k).inputs()
                + " inputs, expected "
                + layers.get(k - 1).outputs()
                + " (the outputs of layer "
                + (k - 1)
                + ")");
      }
    }
    if (layers.get(layers.size() - 1).outputs() != layers.get(0).inputs()) {
      throw new IllegalArgumentException(
          "the last dense layer has "
              + layers.get(layers.size() - 1).outputs()
              + " outputs, expected "
              + layers.get(0).inputs()
              + " (the autoencoder's input size)");
    }
  }

  /** Returns the input (and output) size, {@code W*F}. */
  public int size() {
    return layers.get(0).inputs();
  }

  @Override
  public BodyLayout layout() {
    return BodyLayout.FLAT;
  }

  @Override
  public String build(OnnxGraphBuilder graph, String input, int window, int features) {
    if (size() != window * features) {
      throw new IllegalArgumentException(
          "dense autoencoder size is "
              + size()
              + ", expected W*F = "
              + window
              + "*"
              + features
              + " = "
              + window * features);
    }
    String value = input;
    for (int k = 0; k < layers.size(); k++) {
      value = layers.get(k).build(graph, value, "dense" + k);
    }
    return value;
  }
}
