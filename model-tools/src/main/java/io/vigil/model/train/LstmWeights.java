package io.vigil.model.train;

/**
 * The trained weights of one LSTM layer in PyTorch's layout and gate order {@code (i, f, g, o)}:
 * input, forget, cell candidate, output, each block {@code hidden} rows. Exporters must reorder the
 * blocks for ONNX ({@code i, o, f, c}).
 *
 * @param inputs features per step
 * @param hidden hidden state size
 * @param inputWeights {@code weight_ih}, {@code [4*hidden][inputs]} flat
 * @param recurrentWeights {@code weight_hh}, {@code [4*hidden][hidden]} flat
 * @param inputBias {@code bias_ih}, {@code [4*hidden]}
 * @param recurrentBias {@code bias_hh}, {@code [4*hidden]}
 */
public record LstmWeights(
    int inputs,
    int hidden,
    float[] inputWeights,
    float[] recurrentWeights,
    float[] inputBias,
    float[] recurrentBias) {

  /** Checks the lengths. */
  public LstmWeights {
    int gates = 4 * hidden;
    if (inputWeights.length != gates * inputs
        || recurrentWeights.length != gates * hidden
        || inputBias.length != gates
        || recurrentBias.length != gates) {
      throw new IllegalArgumentException(
          "LSTM layer "
              + inputs
              + "->"
              + hidden
              + " has weight lengths "
              + inputWeights.length
              + ", "
              + recurrentWeights.length
              + ", "
              + inputBias.length
              + ", "
              + recurrentBias.length
              + "; expected "
              + gates * inputs
              + ", "
              + gates * hidden
              + ", "
              + gates
              + ", "
              + gates);
    }
  }
}
