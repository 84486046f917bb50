package io.vigil.inference.onnx;

import java.util.List;

/**
 * A dense autoencoder body: the flattened standardised window goes through the layers in order,
 * each {@code MatMul + Add + activation}; the last layer gives back {@code W*F} values. With a
 * single hidden layer and {@link Activation#NONE} everywhere it is a linear (PCA-like) autoencoder.
 *
 * <p>The code is the output of layer {@code codeLayer} (after its activation). Vigil's trainers
 * build mirrored networks (encoder, code, decoder, output: an even number of layers), whose code
 * layer is the middle one, {@code (layers - 1) / 2}; that is the default.
 *
 * @param layers the layers, input to output; sizes must chain, and the last layer's outputs must
 *     equal the first layer's inputs
 * @param codeLayer the index of the layer whose output is the code
 */
public record DenseAutoencoder(List<DenseLayer> layers, int codeLayer) implements AutoencoderBody {

  /** A mirrored autoencoder, its code the middle layer's output. */
  public DenseAutoencoder(List<DenseLayer> layers) {
    this(layers, (layers.size() - 1) / 2);
  }

  /** Checks that the layers chain and reconstruct their input size. */
  public DenseAutoencoder {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a dense autoencoder needs at least one layer");
    }
    if (codeLayer < 0 || codeLayer >= layers.size()) {
      throw new IllegalArgumentException(
          "code layer " + codeLayer + ", expected 0.." + (layers.size() - 1));
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

  /** Returns L, the code's size: the outputs of the code layer. */
  public int codeSize() {
    return layers.get(codeLayer).outputs();
  }

  @Override
  public String build(OnnxGraphBuilder graph, String input, int window, int features) {
    return buildOutputs(graph, input, window, features).reconstruction();
  }

  @Override
  public BodyOutputs buildOutputs(OnnxGraphBuilder graph, String input, int window, int features) {
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
    String code = null;
    for (int k = 0; k < layers.size(); k++) {
      value = layers.get(k).build(graph, value, "dense" + k);
      if (k == codeLayer) {
        code = value;
      }
    }
    return new BodyOutputs(value, code, codeSize());
  }
}
