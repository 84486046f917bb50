package io.vigil.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convolutional body against a plain-Java 1-D cross-correlation with "same" padding, stride and
 * nearest-neighbour upsampling, written from the definitions, with known weights: ONNX Runtime must
 * compute exactly that function, and a kernel with its taps reversed must not pass for it.
 */
class ConvAutoencoderTest {
  private static final int W = 8;
  private static final int F = 2;
  private static final float[] MEAN = {10f, -1f};
  private static final float[] STD = {2f, 0.5f};
  private static final InferenceSettings CPU = new InferenceSettings(ExecutionProvider.CPU, 1, 8);

  /** 8 steps -> 4 -> 2 (the code) -> 4 -> 8; kernels 3 and 5, every activation. */
  private static List<ConvLayer> layers(boolean flipped) {
    return List.of(
        layer(F, 3, 3, 2, 1, Activation.TANH, 1, flipped),
        layer(3, 2, 5, 2, 1, Activation.RELU, 2, flipped),
        layer(2, 3, 3, 1, 2, Activation.SIGMOID, 3, flipped),
        layer(3, F, 3, 1, 2, Activation.NONE, 4, flipped));
  }

  @Test
  void onnxRuntimeComputesTheConvolutionsAsDefined() {
    List<ConvLayer> layers = layers(false);
    ModelProto model =
        ContractGraphs.build(metadata(), new ConvAutoencoder(layers), ScoreOutputs.IN_GRAPH);
    float[] windows = windows(3);

    try (OnnxModel loaded = OnnxModel.load(model.toByteArray(), "conv-test", CPU)) {
      BatchScores scores = loaded.newScorer().score(windows, 3, true);

      for (int b = 0; b < 3; b++) {
        double[] expected = reference(windows, b, layers);
        float[] actual = scores.reconstruction(b);
        double score = 0;
        for (int i = 0; i < expected.length; i++) {
          assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-5));
          double e = (windows[b * W * F + i] - expected[i]) / STD[i % F];
          score += e * e / expected.length;
        }
        assertThat((double) scores.score(b)).isCloseTo(score, within(1e-5));
      }
    }
  }

  @Test
  void reversedKernelTapsComputeAnotherFunction() {
    float[] windows = windows(1);
    double[] right = reference(windows, 0, layers(false));
    double[] flipped = reference(windows, 0, layers(true));

    double largest = 0;
    for (int i = 0; i < right.length; i++) {
      largest = Math.max(largest, Math.abs(right[i] - flipped[i]));
    }
    assertThat(largest).isGreaterThan(1e-2);
  }

  @Test
  void theLayersMustBringTheWindowBackToItsLength() {
    ConvAutoencoder halving =
        new ConvAutoencoder(List.of(layer(F, F, 3, 2, 1, Activation.NONE, 1, false)));

    assertThatThrownBy(() -> ContractGraphs.build(metadata(), halving, ScoreOutputs.IN_GRAPH))
        .hasMessage("convolutional autoencoder turns W = 8 steps into 4, expected W");
  }

  @Test
  void channelsMustChain() {
    assertThatThrownBy(
            () ->
                new ConvAutoencoder(
                    List.of(
                        layer(F, 3, 3, 2, 1, Activation.TANH, 1, false),
                        layer(2, F, 3, 1, 2, Activation.NONE, 2, false))))
        .hasMessage("convolution layer 1 reads 2 channels, expected 3 (the outputs of layer 0)");
  }

  @Test
  void kernelsMustBeOddAndWeightsComplete() {
    assertThatThrownBy(
            () -> new ConvLayer(2, 2, 4, 1, 1, new float[16], new float[2], Activation.NONE))
        .hasMessageEndingWith("expected channels, stride and upsampling >= 1 and an odd kernel");
    assertThatThrownBy(
            () -> new ConvLayer(2, 3, 3, 1, 1, new float[17], new float[3], Activation.NONE))
        .hasMessage("convolution weights have 17 values, expected [out][in][k] = 18");
  }

  private static ModelMetadata metadata() {
    return new ModelMetadata(
        "conv-test",
        "1",
        "conv",
        List.of("a", "b"),
        W,
        1,
        Scaler.of(MEAN, STD),
        1.0,
        "{\"source\":\"unit test\"}");
  }

  private static ConvLayer layer(
      int inputs,
      int outputs,
      int kernel,
      int stride,
      int upsample,
      Activation activation,
      int seed,
      boolean flipped) {
    float[] weights = new float[outputs * inputs * kernel];
    for (int i = 0; i < weights.length; i++) {
      int tap = i % kernel;
      int source = flipped ? i - tap + kernel - 1 - tap : i;
      weights[i] = (float) (0.5 * Math.sin(1.3 * source + seed) + 0.2 * Math.cos(0.7 * source));
    }
    float[] bias = new float[outputs];
    for (int o = 0; o < outputs; o++) {
      bias[o] = (float) (0.1 * Math.sin(o + 2.0 * seed));
    }
    return new ConvLayer(inputs, outputs, kernel, stride, upsample, weights, bias, activation);
  }

  private static float[] windows(int count) {
    float[] values = new float[count * W * F];
    for (int i = 0; i < values.length; i++) {
      int f = i % F;
      values[i] = (float) (MEAN[f] + STD[f] * Math.sin(0.9 * i + f));
    }
    return values;
  }

  /** The body by the definitions, in raw units: standardise, layers, destandardise. */
  private static double[] reference(float[] windows, int b, List<ConvLayer> layers) {
    double[][] x = new double[F][W];
    for (int t = 0; t < W; t++) {
      for (int f = 0; f < F; f++) {
        x[f][t] = (windows[(b * W + t) * F + f] - MEAN[f]) / (double) STD[f];
      }
    }
    for (ConvLayer layer : layers) {
      x = apply(layer, x);
    }
    double[] r = new double[W * F];
    for (int t = 0; t < W; t++) {
      for (int f = 0; f < F; f++) {
        r[t * F + f] = x[f][t] * STD[f] + MEAN[f];
      }
    }
    return r;
  }

  /**
   * {@code y[o][j] = act(bias[o] + Σ_c Σ_t w[o][c][t] · u[c][j·s + t - p])}, where u is x with
   * every step repeated {@code upsample} times and steps outside it are 0.
   */
  private static double[][] apply(ConvLayer layer, double[][] x) {
    int u = layer.upsample();
    int length = x[0].length * u;
    int k = layer.kernel();
    int p = layer.padding();
    int steps = (length + 2 * p - k) / layer.stride() + 1;
    float[] w = layer.weights();
    double[][] y = new double[layer.outputs()][steps];
    for (int o = 0; o < layer.outputs(); o++) {
      for (int j = 0; j < steps; j++) {
        double sum = layer.bias(o);
        for (int c = 0; c < layer.inputs(); c++) {
          for (int t = 0; t < k; t++) {
            int at = j * layer.stride() + t - p;
            if (at >= 0 && at < length) {
              sum += w[(o * layer.inputs() + c) * k + t] * x[c][at / u];
            }
          }
        }
        y[o][j] =
            switch (layer.activation()) {
              case NONE -> sum;
              case TANH -> Math.tanh(sum);
              case RELU -> Math.max(0, sum);
              case SIGMOID -> 1 / (1 + Math.exp(-sum));
            };
      }
    }
    return y;
  }
}
