package io.vigil.inference.onnx;

import java.util.List;

/**
 * One 1-D convolution over {@code [batch, channels, time]} ({@code Conv}), optionally after a
 * nearest-neighbour upsampling of the time axis ({@code Resize}: every step repeated {@code
 * upsample} times), followed by an activation. The convolution is a cross-correlation (taps not
 * flipped) with "same" padding for odd kernels, {@code pads = (k - 1) / 2} on each side, so it
 * gives {@code ceil(u·L / s)} steps for upsampling u and stride s.
 *
 * <p>Weights are {@code [out][in][k]}, flat and row-major: the ONNX and PyTorch layout. Arrays are
 * copied.
 */
public final class ConvLayer {
  private final int upsample;
  private final int inputs;
  private final int outputs;
  private final int kernel;
  private final int stride;
  private final float[] weights;
  private final float[] bias;
  private final Activation activation;

  /**
   * Creates a layer.
   *
   * @param inputs input channels
   * @param outputs output channels
   * @param kernel taps, odd
   * @param stride step along time, at least 1
   * @param upsample how many times each step is repeated before the convolution; 1 for none
   * @param weights {@code [out][in][k]} flat
   * @param bias {@code [out]}
   * @param activation the activation after it
   */
  public ConvLayer(
      int inputs,
      int outputs,
      int kernel,
      int stride,
      int upsample,
      float[] weights,
      float[] bias,
      Activation activation) {
    if (inputs < 1 || outputs < 1 || stride < 1 || upsample < 1 || kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException(
          "convolution "
              + inputs
              + "->"
              + outputs
              + ", kernel "
              + kernel
              + ", stride "
              + stride
              + ", upsampling "
              + upsample
              + ": expected channels, stride and upsampling >= 1 and an odd kernel");
    }
    if (weights.length != inputs * outputs * kernel) {
      throw new IllegalArgumentException(
          "convolution weights have "
              + weights.length
              + " values, expected [out][in][k] = "
              + inputs * outputs * kernel);
    }
    if (bias.length != outputs) {
      throw new IllegalArgumentException(
          "convolution bias has " + bias.length + " values, expected " + outputs + " (out)");
    }
    FiniteWeights.require("convolution", "weights", weights);
    FiniteWeights.require("convolution", "bias", bias);
    this.upsample = upsample;
    this.inputs = inputs;
    this.outputs = outputs;
    this.kernel = kernel;
    this.stride = stride;
    this.weights = weights.clone();
    this.bias = bias.clone();
    this.activation = activation;
  }

  /** Returns the upsampling factor before the convolution; 1 for none. */
  public int upsample() {
    return upsample;
  }

  /** Returns the input channels. */
  public int inputs() {
    return inputs;
  }

  /** Returns the output channels. */
  public int outputs() {
    return outputs;
  }

  /** Returns the kernel size. */
  public int kernel() {
    return kernel;
  }

  /** Returns the stride. */
  public int stride() {
    return stride;
  }

  /** Returns the activation. */
  public Activation activation() {
    return activation;
  }

  /** Returns a copy of the weights, {@code [out][in][k]} flat. */
  public float[] weights() {
    return weights.clone();
  }

  /** Returns the bias of output channel {@code o}. */
  public float bias(int o) {
    return bias[o];
  }

  /** Returns the padding on each side of the time axis, {@code (k - 1) / 2}. */
  public int padding() {
    return (kernel - 1) / 2;
  }

  /**
   * Returns how many steps the layer makes of {@code length}.
   *
   * @param length steps in
   * @return steps out
   */
  public int outputLength(int length) {
    return (length * upsample + 2 * padding() - kernel) / stride + 1;
  }

  /**
   * Adds the layer's initializers and nodes.
   *
   * @param graph the graph being built
   * @param input a {@code [batch, in, L]} value
   * @param prefix the initializer name prefix, e.g. {@code conv0}
   * @return the {@code [batch, out, outputLength(L)]} output
   */
  String build(OnnxGraphBuilder graph, String input, String prefix) {
    String w = graph.initializer(prefix + "_weight", weights, outputs, inputs, kernel);
    String b = graph.initializer(prefix + "_bias", bias, outputs);
    String x = input;
    if (upsample > 1) {
      // Output step i reads input step floor(i / u): every step repeated u times.
      String scales = graph.initializer(prefix + "_scales", new float[] {1, 1, upsample}, 3);
      x =
          graph.node(
              "Resize",
              List.of(x, "", scales),
              OnnxAttributes.string("mode", "nearest"),
              OnnxAttributes.string("coordinate_transformation_mode", "asymmetric"),
              OnnxAttributes.string("nearest_mode", "floor"));
    }
    String y =
        graph.node(
            "Conv",
            List.of(x, w, b),
            OnnxAttributes.ints("kernel_shape", kernel),
            OnnxAttributes.ints("strides", stride),
            OnnxAttributes.ints("pads", padding(), padding()));
    return activation.apply(graph, y);
  }
}
