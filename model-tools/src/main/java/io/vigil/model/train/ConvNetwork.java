package io.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.vigil.inference.onnx.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1-D convolutional autoencoder over time. The window {@code [n, W, F]} is read channels-first
 * ({@code [n, F, W]}); the encoder is one convolution of stride 2 per hidden size (that many
 * channels) and one more to the code ({@code latent} channels), so the time axis halves at every
 * layer; the decoder mirrors it: each layer repeats every step twice (nearest-neighbour upsampling)
 * and convolves with stride 1, back to the hidden sizes and finally to F channels (linear). Every
 * layer but the last has the activation; dropout, when asked, follows each hidden layer (not the
 * code).
 *
 * <p>Kernels are odd ({@code k}) with padding {@code (k - 1) / 2}, so W comes back when it is a
 * multiple of {@code 2^(layers)} ({@link TrainingOptions} checks that). With the defaults (W 32,
 * hidden [16], latent 8) the code is 8 steps by 8 channels.
 *
 * <p>Why upsampling and not transposed convolutions: DJL 0.35.1's PyTorch engine does not implement
 * them ({@code Conv1dTranspose} fails with "Not implemented"). The convolutions are {@link
 * UnrolledConv1d}, plain tensor ops, because torch's own gave CPU-dependent results. The same
 * function is exported as {@link io.vigil.inference.onnx.ConvAutoencoder}: {@code Resize} and
 * {@code Conv} nodes, which read PyTorch's weight layout as it is.
 */
public final class ConvNetwork implements Network {
  private static final int STRIDE = 2;

  private final SequentialBlock block = new SequentialBlock();
  private final List<UnrolledConv1d> layers = new ArrayList<>();
  private final List<ConvShape> shapes = new ArrayList<>();
  private final int window;
  private final int features;

  /** The blocks up to and including the code layer's activation. */
  private final int codeBlocks;

  private record ConvShape(int upsample, int inputs, int outputs, Activation activation) {}

  private ConvNetwork(TrainingOptions options, int window, int features) {
    this.window = window;
    this.features = features;
    int kernel = options.kernel();
    Activation activation = options.activation();
    List<Integer> hidden = options.hidden();
    // [n, W, F] -> [n, F, W]: convolutions run along the last axis.
    block.addSingleton(x -> x.transpose(0, 2, 1), "channels_first");
    int channels = features;
    for (int size : hidden) {
      add(1, channels, size, kernel, activation, options.dropout());
      channels = size;
    }
    add(1, channels, options.latent(), kernel, activation, 0);
    codeBlocks = block.getChildren().size();
    channels = options.latent();
    for (int k = hidden.size() - 1; k >= 0; k--) {
      add(STRIDE, channels, hidden.get(k), kernel, activation, options.dropout());
      channels = hidden.get(k);
    }
    add(STRIDE, channels, features, kernel, Activation.NONE, 0);
    block.addSingleton(x -> x.transpose(0, 2, 1), "time_first");
  }

  /**
   * Builds the network for windows of W rows of F channels.
   *
   * @param options the channels, kernel, activation and dropout
   * @param window W, a multiple of {@code 2^(hidden layers + 1)}
   * @param features F
   * @return the untrained network
   */
  public static ConvNetwork create(TrainingOptions options, int window, int features) {
    return new ConvNetwork(options, window, features);
  }

  /** Adds a layer: upsampling (when {@code upsample > 1}), convolution, activation, dropout. */
  private void add(
      int upsample, int inputs, int outputs, int kernel, Activation activation, double dropout) {
    if (upsample > 1) {
      // [n, C, L] -> [n, C, L, u] -> [n, C, u*L]: each step repeated u times, as ONNX's Resize
      // (nearest, asymmetric, floor) does.
      block.addSingleton(
          x -> {
            Shape s = x.getShape();
            return x.expandDims(3)
                .repeat(3, upsample)
                .reshape(s.get(0), s.get(1), s.get(2) * upsample);
          },
          "upsample");
    }
    // Not DJL's Conv1d: torch's convolution gave CPU-dependent results (see UnrolledConv1d).
    UnrolledConv1d layer = new UnrolledConv1d(outputs, kernel, upsample > 1 ? 1 : STRIDE);
    layers.add(layer);
    shapes.add(new ConvShape(upsample, inputs, outputs, activation));
    block.add(layer);
    if (activation != Activation.NONE) {
      block.add(Djl.activation(activation));
    }
    if (dropout > 0) {
      block.add(Dropout.builder().optRate((float) dropout).build());
    }
  }

  @Override
  public ModelKind kind() {
    return ModelKind.CONV;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public int window() {
    return window;
  }

  @Override
  public int features() {
    return features;
  }

  /**
   * The code layer's output {@code [n, C, T]}, flattened channel after channel to {@code [n, C*T]}.
   */
  @Override
  public NDArray encode(ParameterStore store, NDArray windows) {
    NDArray code = Djl.forwardPrefix(block, codeBlocks, store, windows);
    return code.reshape(code.getShape().get(0), -1);
  }

  @Override
  public Shape inputShape(long batch) {
    return new Shape(batch, window, features);
  }

  /** Returns the trained layers, input to output: strided, then upsampling convolutions. */
  public List<ConvWeights> weights() {
    List<ConvWeights> weights = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      ConvShape shape = shapes.get(k);
      Block layer = layers.get(k);
      int kernel =
          Math.toIntExact(layer.getParameters().get("weight").getArray().getShape().get(2));
      weights.add(
          new ConvWeights(
              shape.inputs(),
              shape.outputs(),
              kernel,
              shape.upsample() > 1 ? 1 : STRIDE,
              shape.upsample(),
              Djl.values(layer, "weight"),
              Djl.values(layer, "bias"),
              shape.activation()));
    }
    return weights;
  }
}
