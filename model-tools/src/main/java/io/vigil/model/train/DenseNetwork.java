package io.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.vigil.inference.onnx.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense autoencoder over the flattened window ({@code W*F} values): encoder layers of the hidden
 * sizes, the latent layer, the hidden sizes mirrored, and a linear output layer of {@code W*F}.
 * Every layer but the output has the chosen activation; dropout, when asked, follows each hidden
 * layer (not the code, so that the decoder sees the whole code).
 */
public final class DenseNetwork implements Network {
  private final SequentialBlock block = new SequentialBlock();
  private final List<Block> linears = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  private final Activation activation;
  private final int window;
  private final int features;

  /** The blocks up to and including the code's activation. */
  private int codeBlocks;

  private DenseNetwork(TrainingOptions options, int window, int features) {
    this.activation = options.activation();
    this.window = window;
    this.features = features;
    List<Integer> hidden = options.hidden();
    List<Integer> layers = new ArrayList<>(hidden);
    layers.add(options.latent());
    for (int k = hidden.size() - 1; k >= 0; k--) {
      layers.add(hidden.get(k));
    }
    sizes.add(window * features);
    for (int k = 0; k < layers.size(); k++) {
      add(layers.get(k));
      block.add(Djl.activation(activation));
      boolean code = k == hidden.size();
      if (code) {
        codeBlocks = block.getChildren().size();
      }
      if (options.dropout() > 0 && !code) {
        block.add(Dropout.builder().optRate((float) options.dropout()).build());
      }
    }
    add(window * features);
  }

  /**
   * Builds the network for windows of W rows of F channels.
   *
   * @param options the layer sizes, activation and dropout
   * @param window W
   * @param features F
   * @return the untrained network
   */
  public static DenseNetwork create(TrainingOptions options, int window, int features) {
    return new DenseNetwork(options, window, features);
  }

  private void add(int units) {
    Block linear = Linear.builder().setUnits(units).build();
    linears.add(linear);
    sizes.add(units);
    block.add(linear);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.DENSE;
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

  @Override
  public NDArray encode(ParameterStore store, NDArray windows) {
    return Djl.forwardPrefix(block, codeBlocks, store, windows);
  }

  @Override
  public Shape inputShape(long batch) {
    return new Shape(batch, (long) window * features);
  }

  /** Returns the trained layers, input to output; the last is linear. */
  public List<LinearWeights> weights() {
    List<LinearWeights> weights = new ArrayList<>();
    for (int k = 0; k < linears.size(); k++) {
      boolean last = k == linears.size() - 1;
      weights.add(
          Djl.linear(
              linears.get(k), sizes.get(k), sizes.get(k + 1), last ? Activation.NONE : activation));
    }
    return weights;
  }
}
