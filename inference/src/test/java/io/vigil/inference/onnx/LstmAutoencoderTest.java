package io.vigil.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LSTM body against a plain-Java LSTM written from the ONNX operator's equations (gates {@code
 * i, o, f, c}), with known weights: ONNX Runtime must compute exactly that function.
 */
class LstmAutoencoderTest {
  private static final int W = 5;
  private static final int F = 2;
  private static final int H = 3;
  private static final int L = 2;
  private static final float[] MEAN = {10f, -1f};
  private static final float[] STD = {2f, 0.5f};
  private static final InferenceSettings CPU = new InferenceSettings(ExecutionProvider.CPU, 1, 8);

  @Test
  void onnxRuntimeComputesTheLstmEquationsInOnnxGateOrder() {
    LstmLayer encoder = layer(F, H, 1);
    DenseLayer latent = dense(H, L, Activation.TANH, 2);
    LstmLayer decoder = layer(L, H, 3);
    DenseLayer output = dense(H, F, Activation.NONE, 4);
    LstmAutoencoder body = new LstmAutoencoder(List.of(encoder), latent, List.of(decoder), output);
    ModelProto model = ContractGraphs.build(metadata(), body, ScoreOutputs.IN_GRAPH);
    float[] windows = windows(3);

    try (OnnxModel loaded = OnnxModel.load(model.toByteArray(), "lstm-test", CPU)) {
      BatchScores scores = loaded.newScorer().score(windows, 3, true);

      for (int b = 0; b < 3; b++) {
        double[] expected = reference(windows, b, encoder, latent, decoder, output);
        float[] actual = scores.reconstruction(b);
        for (int i = 0; i < expected.length; i++) {
          assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-5));
        }
      }
    }
  }

  @Test
  void theGraphAvoidsTheBatchFirstLayout() {
    LstmAutoencoder body =
        new LstmAutoencoder(
            List.of(layer(F, H, 1)),
            dense(H, L, Activation.TANH, 2),
            List.of(layer(L, H, 3)),
            dense(H, F, Activation.NONE, 4));

    ModelProto model = ContractGraphs.build(metadata(), body, ScoreOutputs.IN_GRAPH);

    List<NodeProto> lstms =
        model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("LSTM")).toList();
    assertThat(lstms).hasSize(2);
    assertThat(lstms)
        .allSatisfy(
            n -> assertThat(n.getAttributeList()).noneMatch(a -> a.getName().equals("layout")));
  }

  @Test
  void layersMustChain() {
    assertThatThrownBy(
            () ->
                new LstmAutoencoder(
                    List.of(layer(F, H, 1)),
                    dense(H, L, Activation.TANH, 2),
                    List.of(layer(L + 1, H, 3)),
                    dense(H, F, Activation.NONE, 4)))
        .hasMessage("decoder layer 0 has 3 inputs, expected 2 (the latent size)");
  }

  @Test
  void weightsMustHaveTheOperatorsShapes() {
    assertThatThrownBy(() -> new LstmLayer(2, 3, new float[23], new float[36], new float[24]))
        .hasMessage("LSTM layer inputWeights has 23 values, expected 4*hidden*inputs = 24");
  }

  private static ModelMetadata metadata() {
    return new ModelMetadata(
        "lstm-test",
        "1",
        "lstm",
        List.of("a", "b"),
        W,
        1,
        Scaler.of(MEAN, STD),
        1.0,
        "{\"source\":\"unit test\"}");
  }

  private static LstmLayer layer(int inputs, int hidden, int seed) {
    return new LstmLayer(
        inputs,
        hidden,
        values(4 * hidden * inputs, seed),
        values(4 * hidden * hidden, seed + 10),
        values(8 * hidden, seed + 20));
  }

  private static DenseLayer dense(int inputs, int outputs, Activation activation, int seed) {
    float[] flat = values(inputs * outputs, seed);
    float[][] weights = new float[inputs][outputs];
    for (int i = 0; i < inputs; i++) {
      System.arraycopy(flat, i * outputs, weights[i], 0, outputs);
    }
    return new DenseLayer(weights, values(outputs, seed + 5), activation);
  }

  /** Small distinct signed values, so that a swapped gate block changes the result. */
  private static float[] values(int count, int seed) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) (0.4 * Math.sin(1.7 * i + seed) + 0.1 * Math.cos(0.3 * i * seed));
    }
    return values;
  }

  private static float[] windows(int count) {
    float[] values = new float[count * W * F];
    for (int i = 0; i < values.length; i++) {
      int f = i % F;
      values[i] = (float) (MEAN[f] + STD[f] * Math.sin(0.9 * i + f));
    }
    return values;
  }

  private static double[] reference(
      float[] windows,
      int b,
      LstmLayer encoder,
      DenseLayer latent,
      LstmLayer decoder,
      DenseLayer output) {
    double[][] x = new double[W][F];
    for (int t = 0; t < W; t++) {
      for (int f = 0; f < F; f++) {
        x[t][f] = (windows[(b * W + t) * F + f] - MEAN[f]) / (double) STD[f];
      }
    }
    double[][] encoded = run(encoder, x);
    double[] code = apply(latent, encoded[W - 1]);
    double[][] repeated = new double[W][];
    for (int t = 0; t < W; t++) {
      repeated[t] = code;
    }
    double[][] decoded = run(decoder, repeated);
    double[] r = new double[W * F];
    for (int t = 0; t < W; t++) {
      double[] y = apply(output, decoded[t]);
      for (int f = 0; f < F; f++) {
        r[t * F + f] = y[f] * STD[f] + MEAN[f];
      }
    }
    return r;
  }

  /** The ONNX LSTM: gates i, o, f, c; sigmoid, tanh, tanh; zero initial state. */
  private static double[][] run(LstmLayer layer, double[][] x) {
    int h = layer.hidden();
    int in = layer.inputs();
    float[] w = layer.inputWeights();
    float[] r = layer.recurrentWeights();
    float[] bias = layer.biases();
    double[] state = new double[h];
    double[] cell = new double[h];
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] gates = new double[4 * h];
      for (int g = 0; g < 4 * h; g++) {
        double sum = bias[g] + bias[4 * h + g];
        for (int j = 0; j < in; j++) {
          sum += w[g * in + j] * x[t][j];
        }
        for (int j = 0; j < h; j++) {
          sum += r[g * h + j] * state[j];
        }
        gates[g] = sum;
      }
      double[] next = new double[h];
      for (int j = 0; j < h; j++) {
        double input = sigmoid(gates[j]);
        double outputGate = sigmoid(gates[h + j]);
        double forget = sigmoid(gates[2 * h + j]);
        double candidate = Math.tanh(gates[3 * h + j]);
        cell[j] = forget * cell[j] + input * candidate;
        next[j] = outputGate * Math.tanh(cell[j]);
      }
      state = next;
      out[t] = next;
    }
    return out;
  }

  private static double[] apply(DenseLayer layer, double[] x) {
    double[] y = new double[layer.outputs()];
    for (int o = 0; o < y.length; o++) {
      double sum = layer.bias(o);
      for (int i = 0; i < x.length; i++) {
        sum += x[i] * layer.weight(i, o);
      }
      y[o] =
          switch (layer.activation()) {
            case NONE -> sum;
            case TANH -> Math.tanh(sum);
            case RELU -> Math.max(0, sum);
            case SIGMOID -> sigmoid(sum);
          };
    }
    return y;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
