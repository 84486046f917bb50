package io.vigil.model.export;

import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.ConvAutoencoder;
import io.vigil.inference.onnx.ConvLayer;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.inference.onnx.EnsembleBody;
import io.vigil.inference.onnx.LstmAutoencoder;
import io.vigil.inference.onnx.LstmLayer;
import io.vigil.model.train.ConvNetwork;
import io.vigil.model.train.ConvWeights;
import io.vigil.model.train.DenseNetwork;
import io.vigil.model.train.LinearWeights;
import io.vigil.model.train.LstmNetwork;
import io.vigil.model.train.LstmWeights;
import io.vigil.model.train.Network;
import io.vigil.model.train.PenalisedDenseNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a trained network's weights into the matching ONNX body: a {@link DenseAutoencoder} for a
 * {@link DenseNetwork} and for the deterministic path of a {@link PenalisedDenseNetwork} (vae,
 * sparse, contractive: the penalties only shape training), an {@link LstmAutoencoder} for an {@link
 * LstmNetwork}, a {@link ConvAutoencoder} for a {@link ConvNetwork}. Linear weights are transposed
 * from PyTorch's {@code [out][in]} to {@code MatMul}'s {@code [in][out]}; LSTM gate blocks are
 * reordered by a {@link GateOrder}; convolution kernels are copied as they are (PyTorch and ONNX
 * share their layouts, and both cross-correlate, so the taps are not flipped).
 */
public final class NetworkExporter {
  private NetworkExporter() {}

  /**
   * Returns the ONNX body of a network, with the correct gate mapping.
   *
   * @param network the trained network
   * @return the body
   */
  public static AutoencoderBody body(Network network) {
    return body(network, GateOrder.PYTORCH_TO_ONNX);
  }

  /**
   * Returns the ONNX body of a trained network's members: the one member's body, or an {@link
   * EnsembleBody} of them all.
   *
   * @param networks the members, in order, at least one
   * @return the body
   */
  public static AutoencoderBody body(List<Network> networks) {
    if (networks.size() == 1) {
      return body(networks.get(0));
    }
    List<AutoencoderBody> members = new ArrayList<>();
    for (Network network : networks) {
      members.add(body(network));
    }
    return new EnsembleBody(members);
  }

  /**
   * Returns the ONNX body of a network with a chosen LSTM gate mapping; only tests choose another
   * than {@link GateOrder#PYTORCH_TO_ONNX}, to show that the parity check catches it.
   *
   * @param network the trained network
   * @param gates the gate mapping of LSTM layers
   * @return the body
   */
  public static AutoencoderBody body(Network network, GateOrder gates) {
    if (network instanceof DenseNetwork dense) {
      return dense(dense.weights());
    }
    if (network instanceof PenalisedDenseNetwork penalised) {
      return dense(penalised.weights());
    }
    if (network instanceof ConvNetwork conv) {
      return conv(conv.weights());
    }
    return lstm((LstmNetwork) network, gates);
  }

  /**
   * Returns a dense body of trained layers.
   *
   * @param weights the layers, input to output, in PyTorch's layout
   * @return the body
   */
  public static DenseAutoencoder dense(List<LinearWeights> weights) {
    List<DenseLayer> layers = new ArrayList<>();
    for (LinearWeights layer : weights) {
      layers.add(dense(layer));
    }
    return new DenseAutoencoder(layers);
  }

  /**
   * Returns a convolutional body of trained layers.
   *
   * @param weights the layers, input to output, in PyTorch's layout
   * @return the body
   */
  public static ConvAutoencoder conv(List<ConvWeights> weights) {
    List<ConvLayer> layers = new ArrayList<>();
    for (ConvWeights w : weights) {
      layers.add(
          new ConvLayer(
              w.inputs(),
              w.outputs(),
              w.kernel(),
              w.stride(),
              w.upsample(),
              w.weight(),
              w.bias(),
              w.activation()));
    }
    return new ConvAutoencoder(layers);
  }

  private static LstmAutoencoder lstm(LstmNetwork network, GateOrder gates) {
    List<LstmLayer> encoder = new ArrayList<>();
    for (LstmWeights weights : network.encoderWeights()) {
      encoder.add(lstm(weights, gates));
    }
    List<LstmLayer> decoder = new ArrayList<>();
    for (LstmWeights weights : network.decoderWeights()) {
      decoder.add(lstm(weights, gates));
    }
    return new LstmAutoencoder(
        encoder, dense(network.latentWeights()), decoder, dense(network.outputWeights()));
  }

  /** PyTorch {@code [out][in]} to {@code MatMul}'s {@code [in][out]}. */
  static DenseLayer dense(LinearWeights weights) {
    float[][] transposed = new float[weights.inputs()][weights.outputs()];
    for (int o = 0; o < weights.outputs(); o++) {
      for (int i = 0; i < weights.inputs(); i++) {
        transposed[i][o] = weights.weight()[o * weights.inputs() + i];
      }
    }
    return new DenseLayer(transposed, weights.bias(), weights.activation());
  }

  static LstmLayer lstm(LstmWeights weights, GateOrder gates) {
    int h = weights.hidden();
    float[] inputBias = gates.reorder(weights.inputBias(), h, 1);
    float[] recurrentBias = gates.reorder(weights.recurrentBias(), h, 1);
    float[] biases = new float[8 * h];
    System.arraycopy(inputBias, 0, biases, 0, 4 * h);
    System.arraycopy(recurrentBias, 0, biases, 4 * h, 4 * h);
    return new LstmLayer(
        weights.inputs(),
        h,
        gates.reorder(weights.inputWeights(), h, weights.inputs()),
        gates.reorder(weights.recurrentWeights(), h, h),
        biases);
  }
}
