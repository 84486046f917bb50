package io.vigil.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One LSTM layer, batch-first ({@code [n, T, in]} to {@code [n, T, H]}, zero initial states),
 * unrolled over time in plain tensor ops: per step {@code gates = x_t W_ih^T + b_ih + h W_hh^T +
 * b_hh}, split in PyTorch's order {@code (i, f, g, o)}, {@code c = σ(f)⊙c + σ(i)⊙tanh(g)}, {@code h
 * = σ(o)⊙tanh(c)}.
 *
 * <p>Why not DJL's {@code LSTM}: it calls torch's fused LSTM, which on CPU runs oneDNN's RNN
 * primitive, and oneDNN picks its kernel per instruction set and per mode. On AVX-512 it ran the
 * reference kernel when training but a packed brgemm kernel for inference (validation, early
 * stopping, the export's parity check), and for our small layers the two differed by tenths, so
 * what a model learnt and how it was judged depended on the CPU. Here the products are torch's
 * plain GEMM and the rest is element-wise, the same ops with or without gradients; results vary
 * between CPUs only by float rounding. The price is a few small ops per step instead of one call.
 *
 * <p>The parameters are DJL's {@code LSTM}'s for one layer, with its names, types, shapes and
 * order: the same initialiser draws the same initial weights from the same seed, and the weights
 * keep PyTorch's layout, which {@link LstmWeights} and the exporter expect.
 */
final class UnrolledLstm extends AbstractBlock {
  /** {@code weight_ih}, {@code [4H, in]}. */
  static final String INPUT_WEIGHT = "l_0_i2h_WEIGHT";

  /** {@code weight_hh}, {@code [4H, H]}. */
  static final String RECURRENT_WEIGHT = "l_0_h2h_WEIGHT";

  /** {@code bias_ih}, {@code [4H]}. */
  static final String INPUT_BIAS = "l_0_i2h_BIAS";

  /** {@code bias_hh}, {@code [4H]}. */
  static final String RECURRENT_BIAS = "l_0_h2h_BIAS";

  private static final byte VERSION = 1;
  private static final int GATES = 4;

  private final int hidden;
  private final Parameter inputWeight;
  private final Parameter recurrentWeight;
  private final Parameter inputBias;
  private final Parameter recurrentBias;

  /**
   * Creates the layer; the input size comes from the first input shape at initialisation.
   *
   * @param hidden H, the state size
   */
  UnrolledLstm(int hidden) {
    super(VERSION);
    if (hidden < 1) {
      throw new IllegalArgumentException("LSTM state size must be at least 1, found " + hidden);
    }
    this.hidden = hidden;
    // Added in DJL's LSTM order (weights, then biases), so initialisers draw in the same order.
    inputWeight = addParameter(parameter(INPUT_WEIGHT, Parameter.Type.WEIGHT));
    recurrentWeight = addParameter(parameter(RECURRENT_WEIGHT, Parameter.Type.WEIGHT));
    inputBias = addParameter(parameter(INPUT_BIAS, Parameter.Type.BIAS));
    recurrentBias = addParameter(parameter(RECURRENT_BIAS, Parameter.Type.BIAS));
  }

  private static Parameter parameter(String name, Parameter.Type type) {
    return Parameter.builder().setName(name).setType(type).build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray wih = parameterStore.getValue(inputWeight, device, training);
    NDArray whh = parameterStore.getValue(recurrentWeight, device, training);
    NDArray bih = parameterStore.getValue(inputBias, device, training);
    NDArray bhh = parameterStore.getValue(recurrentBias, device, training);
    long batch = x.getShape().get(0);
    int steps = Math.toIntExact(x.getShape().get(1));
    // The input side does not depend on the state: all steps in one GEMM, [n, T, 4H], cut into T
    // slices [n, 1, 4H] by one split. Indexing step t out of it instead made a forward and backward
    // pass 2.5 times as costly (W 32, H 32): each index op's backward fills a gradient the size of
    // the whole tensor.
    NDList projected = Linear.linear(x, wih, bih).singletonOrThrow().split(steps, 1);
    NDArray h = x.getManager().zeros(new Shape(batch, 1, hidden), x.getDataType(), device);
    NDArray c = h;
    NDList outputs = new NDList(steps);
    for (int t = 0; t < steps; t++) {
      NDArray gates = projected.get(t).add(Linear.linear(h, whh, bhh).singletonOrThrow());
      NDList split = gates.split(GATES, 2);
      NDArray i = Activation.sigmoid(split.get(0));
      NDArray f = Activation.sigmoid(split.get(1));
      NDArray g = split.get(2).tanh();
      NDArray o = Activation.sigmoid(split.get(3));
      c = f.mul(c).add(i.mul(g));
      h = o.mul(c.tanh());
      outputs.add(h);
    }
    return new NDList(NDArrays.concat(outputs, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape input = inputShapes[0];
    return new Shape[] {new Shape(input.get(0), input.get(1), hidden)};
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    Shape input = inputShapes[0];
    if (input.dimension() != 3) {
      throw new IllegalArgumentException(
          "an LSTM layer reads [batch, time, features], found shape " + input);
    }
    long gates = (long) GATES * hidden;
    inputWeight.setShape(new Shape(gates, input.get(2)));
    recurrentWeight.setShape(new Shape(gates, hidden));
    inputBias.setShape(new Shape(gates));
    recurrentBias.setShape(new Shape(gates));
  }
}
