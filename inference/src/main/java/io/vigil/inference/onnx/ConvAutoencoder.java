package io.vigil.inference.onnx;

import java.util.List;

/**
 * A 1-D convolutional autoencoder body: the standardised window {@code [batch, W, F]} is turned
 * channels-first ({@code [batch, F, W]}, a {@code Transpose}), runs through the layers in order
 * (strided convolutions down to the code, upsampling convolutions back up), and is turned back.
 *
 * <p>The code is the output of the last layer before the first upsampling one: {@code C} channels
 * of {@code T} steps, flattened channel after channel ({@code [batch, C*T]}, value {@code c*T +
 * t}). A body without upsampling layers names no code.
 *
 * @param layers the layers, input to output; channels must chain, the first reads F channels and
 *     the last gives F back; the layers must take W steps back to W (checked when built)
 */
public record ConvAutoencoder(List<ConvLayer> layers) implements AutoencoderBody {

  /** Checks that the channels chain and come back to the input's. */
  public ConvAutoencoder {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a convolutional autoencoder needs at least one layer");
    }
    for (int k = 1; k < layers.size(); k++) {
      if (layers.get(k).inputs() != layers.get(k - 1).outputs()) {
        throw new IllegalArgumentException(
            "convolution layer "
                + k
                + " reads "
                + layers.get(k).inputs()
                + " channels, expected "
                + layers.get(k - 1).outputs()
                + " (the outputs of layer "
                + (k - 1)
                + ")");
      }
    }
    int last = layers.get(layers.size() - 1).outputs();
    if (last != layers.get(0).inputs()) {
      throw new IllegalArgumentException(
          "the last convolution layer gives "
              + last
              + " channels, expected "
              + layers.get(0).inputs()
              + " (the channels the first one reads)");
    }
  }

  /** Returns F, the channels read and written. */
  public int features() {
    return layers.get(0).inputs();
  }

  @Override
  public BodyLayout layout() {
    return BodyLayout.SEQUENCE;
  }

  @Override
  public String build(OnnxGraphBuilder graph, String input, int window, int features) {
    return buildOutputs(graph, input, window, features).reconstruction();
  }

  @Override
  public BodyOutputs buildOutputs(OnnxGraphBuilder graph, String input, int window, int features) {
    if (features != features()) {
      throw new IllegalArgumentException(
          "convolutional autoencoder reads " + features() + " channels, expected F = " + features);
    }
    int length = window;
    for (ConvLayer layer : layers) {
      length = layer.outputLength(length);
    }
    if (length != window) {
      throw new IllegalArgumentException(
          "convolutional autoencoder turns W = "
              + window
              + " steps into "
              + length
              + ", expected W");
    }
    int codeLayer = codeLayer();
    String value = transpose(graph, input);
    String code = null;
    int codeSize = 0;
    int steps = window;
    for (int k = 0; k < layers.size(); k++) {
      value = layers.get(k).build(graph, value, "conv" + k);
      steps = layers.get(k).outputLength(steps);
      if (k == codeLayer) {
        // [batch, C, T] -> [batch, C*T]
        code = graph.node("Flatten", List.of(value), OnnxAttributes.integer("axis", 1));
        codeSize = layers.get(k).outputs() * steps;
      }
    }
    return new BodyOutputs(transpose(graph, value), code, codeSize);
  }

  /** The last layer before the first upsampling one; -1 when no layer upsamples. */
  private int codeLayer() {
    for (int k = 1; k < layers.size(); k++) {
      if (layers.get(k).upsample() > 1) {
        return k - 1;
      }
    }
    return -1;
  }

  private static String transpose(OnnxGraphBuilder graph, String value) {
    return graph.node("Transpose", List.of(value), OnnxAttributes.ints("perm", 0, 2, 1));
  }
}
