package io.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
 * An LSTM autoencoder: encoder LSTM layers of the hidden sizes read the window batch-first; the
 * last step's hidden state goes through a tanh layer to the latent code; the code is repeated W
 * times and read by decoder LSTM layers of the mirrored sizes; a linear layer maps each step's
 * hidden state to F values. Dropout, when asked, follows each LSTM layer.
 *
 * <p>The same function, step for step, is exported as {@link
 * io.vigil.inference.onnx.LstmAutoencoder}.
 */
public final class LstmNetwork implements Network {
  /** The code's activation: bounded like the LSTM states around it. */
  static final Activation LATENT_ACTIVATION = Activation.TANH;

  private final SequentialBlock block = new SequentialBlock();
  private final List<Block> encoder = new ArrayList<>();
  private final List<Block> decoder = new ArrayList<>();
  private final List<Integer> encoderSizes;
  private final List<Integer> decoderSizes = new ArrayList<>();
  private final Block latent;
  private final Block output;
  private final int latentSize;
  private final int window;
  private final int features;

  /** The blocks up to and including the code's activation. */
  private final int codeBlocks;

  private LstmNetwork(TrainingOptions options, int window, int features) {
    this.window = window;
    this.features = features;
    this.encoderSizes = options.hidden();
    this.latentSize = options.latent();
    for (int size : encoderSizes) {
      encoder.add(lstm(size, options.dropout()));
    }
    // [n, W, H] -> [n, H]: the hidden state after the last step.
    block.addSingleton(x -> x.get(new NDIndex(":, -1, :")), "last_step");
    latent = Linear.builder().setUnits(latentSize).build();
    block.add(latent).add(Djl.activation(LATENT_ACTIVATION));
    codeBlocks = block.getChildren().size();
    // [n, L] -> [n, W, L]: the code is the decoder's input at every step.
    block.addSingleton(x -> x.expandDims(1).repeat(1, window), "repeat");
    for (int k = encoderSizes.size() - 1; k >= 0; k--) {
      decoderSizes.add(encoderSizes.get(k));
      decoder.add(lstm(encoderSizes.get(k), options.dropout()));
    }
    output = Linear.builder().setUnits(features).build();
    block.add(output);
  }

  /**
   * Builds the network for windows of W rows of F channels.
   *
   * @param options the hidden sizes, latent size and dropout
   * @param window W
   * @param features F
   * @return the untrained network
   */
  public static LstmNetwork create(TrainingOptions options, int window, int features) {
    return new LstmNetwork(options, window, features);
  }

  private Block lstm(int hidden, double dropout) {
    // Not DJL's LSTM: torch's fused LSTM gives CPU-dependent results (see UnrolledLstm).
    Block lstm = new UnrolledLstm(hidden);
    block.add(lstm);
    if (dropout > 0) {
      block.add(Dropout.builder().optRate((float) dropout).build());
    }
    return lstm;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.LSTM;
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
    return new Shape(batch, window, features);
  }

  /** Returns the encoder layers' weights, input side first. */
  public List<LstmWeights> encoderWeights() {
    List<LstmWeights> weights = new ArrayList<>();
    int inputs = features;
    for (int k = 0; k < encoder.size(); k++) {
      weights.add(lstmWeights(encoder.get(k), inputs, encoderSizes.get(k)));
      inputs = encoderSizes.get(k);
    }
    return weights;
  }

  /** Returns the latent layer's weights (tanh). */
  public LinearWeights latentWeights() {
    return Djl.linear(
        latent, encoderSizes.get(encoderSizes.size() - 1), latentSize, LATENT_ACTIVATION);
  }

  /** Returns the decoder layers' weights, latent side first. */
  public List<LstmWeights> decoderWeights() {
    List<LstmWeights> weights = new ArrayList<>();
    int inputs = latentSize;
    for (int k = 0; k < decoder.size(); k++) {
      weights.add(lstmWeights(decoder.get(k), inputs, decoderSizes.get(k)));
      inputs = decoderSizes.get(k);
    }
    return weights;
  }

  /** Returns the per-step output layer's weights (linear). */
  public LinearWeights outputWeights() {
    return Djl.linear(output, decoderSizes.get(decoderSizes.size() - 1), features, Activation.NONE);
  }

  private static LstmWeights lstmWeights(Block lstm, int inputs, int hidden) {
    return new LstmWeights(
        inputs,
        hidden,
        Djl.values(lstm, UnrolledLstm.INPUT_WEIGHT),
        Djl.values(lstm, UnrolledLstm.RECURRENT_WEIGHT),
        Djl.values(lstm, UnrolledLstm.INPUT_BIAS),
        Djl.values(lstm, UnrolledLstm.RECURRENT_BIAS));
  }
}
