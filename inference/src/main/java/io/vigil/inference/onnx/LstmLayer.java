package io.vigil.inference.onnx;

import java.util.List;

/**
 * One unidirectional LSTM layer with its weights in ONNX's gate order {@code (i, o, f, c)}: input,
 * output, forget and cell gates, each block {@code hidden} rows. PyTorch (and DJL on its PyTorch
 * engine) stores the blocks as {@code (i, f, g, o)}; an exporter must reorder them before building
 * a layer, because ONNX Runtime reads the blocks by position and a wrong order still runs, silently
 * computing another function.
 *
 * <p>Shapes, as the ONNX {@code LSTM} operator wants them ({@code num_directions} = 1): {@code W}
 * {@code [1, 4*hidden, inputs]}, {@code R} {@code [1, 4*hidden, hidden]}, {@code B} {@code [1,
 * 8*hidden]} holding the input biases then the recurrent biases. Arrays are copied.
 */
public final class LstmLayer {
  private final int inputs;
  private final int hidden;
  private final float[] inputWeights;
  private final float[] recurrentWeights;
  private final float[] biases;

  /**
   * Creates a layer.
   *
   * @param inputs features per time step
   * @param hidden the hidden state size
   * @param inputWeights {@code [4*hidden][inputs]} flat, row-major, gates {@code (i, o, f, c)}
   * @param recurrentWeights {@code [4*hidden][hidden]} flat, row-major, gates {@code (i, o, f, c)}
   * @param biases {@code [8*hidden]}: the input biases {@code Wb} then the recurrent biases {@code
   *     Rb}, each in gate order {@code (i, o, f, c)}
   */
  public LstmLayer(
      int inputs, int hidden, float[] inputWeights, float[] recurrentWeights, float[] biases) {
    if (inputs < 1 || hidden < 1) {
      throw new IllegalArgumentException(
          "LSTM layer has inputs = " + inputs + " and hidden = " + hidden + ", expected both >= 1");
    }
    requireLength("inputWeights", inputWeights, 4L * hidden * inputs, "4*hidden*inputs");
    requireLength("recurrentWeights", recurrentWeights, 4L * hidden * hidden, "4*hidden*hidden");
    requireLength("biases", biases, 8L * hidden, "8*hidden");
    FiniteWeights.require("LSTM layer", "inputWeights", inputWeights);
    FiniteWeights.require("LSTM layer", "recurrentWeights", recurrentWeights);
    FiniteWeights.require("LSTM layer", "biases", biases);
    this.inputs = inputs;
    this.hidden = hidden;
    this.inputWeights = inputWeights.clone();
    this.recurrentWeights = recurrentWeights.clone();
    this.biases = biases.clone();
  }

  /** Returns the number of features per time step. */
  public int inputs() {
    return inputs;
  }

  /** Returns the hidden state size. */
  public int hidden() {
    return hidden;
  }

  /** Returns a copy of the input weights, {@code [4*hidden][inputs]} flat, gates (i, o, f, c). */
  public float[] inputWeights() {
    return inputWeights.clone();
  }

  /** Returns a copy of the recurrent weights, {@code [4*hidden][hidden]} flat, (i, o, f, c). */
  public float[] recurrentWeights() {
    return recurrentWeights.clone();
  }

  /** Returns a copy of the biases, {@code Wb} then {@code Rb}, {@code [8*hidden]}. */
  public float[] biases() {
    return biases.clone();
  }

  /**
   * Adds the layer: one {@code LSTM} node in the default layout ({@code layout = 0}, sequence
   * first: ONNX Runtime's CPU kernel refuses {@code layout = 1}), then a {@code Squeeze} of the
   * direction axis.
   *
   * @param graph the graph being built
   * @param input a {@code [T, batch, inputs]} value
   * @param prefix the initializer name prefix, e.g. {@code encoder0}
   * @return the hidden states of every step, {@code [T, batch, hidden]}
   */
  String build(OnnxGraphBuilder graph, String input, String prefix) {
    String w = graph.initializer(prefix + "_W", inputWeights, 1, 4L * hidden, inputs);
    String r = graph.initializer(prefix + "_R", recurrentWeights, 1, 4L * hidden, hidden);
    String b = graph.initializer(prefix + "_B", biases, 1, 8L * hidden);
    String y =
        graph.node("LSTM", List.of(input, w, r, b), OnnxAttributes.integer("hidden_size", hidden));
    // Y is [T, num_directions, batch, hidden]; one direction, so the axis goes.
    String axis = graph.initializer(prefix + "_direction_axis", new long[] {1}, 1);
    return graph.node("Squeeze", List.of(y, axis));
  }

  private static void requireLength(String what, float[] values, long expected, String formula) {
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "LSTM layer "
              + what
              + " has "
              + values.length
              + " values, expected "
              + formula
              + " = "
              + expected);
    }
  }
}
