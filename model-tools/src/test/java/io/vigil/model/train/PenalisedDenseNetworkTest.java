package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.vigil.inference.onnx.Activation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each penalty is what the documentation says, computed here in plain Java from the network's own
 * weights: the contractive penalty is the squared Frobenius norm of the encoder's Jacobian (checked
 * against central finite differences, for every activation), the VAE's is β·KL/(W·F) of its mean
 * and log-variance heads, the sparse one λ times the mean absolute code.
 */
class PenalisedDenseNetworkTest {
  private static final int WINDOW = 4;
  private static final int FEATURES = 2;
  private static final int SIZE = WINDOW * FEATURES;
  private static final int BATCH = 5;

  @ParameterizedTest
  @EnumSource(names = {"TANH", "SIGMOID", "RELU"})
  void theContractivePenaltyIsTheJacobiansSquaredFrobeniusNorm(Activation activation) {
    TrainingOptions options =
        options(ModelKind.CONTRACTIVE).activation(activation).penalty(0.5).build();

    run(
        options,
        (network, x, penalty) -> {
          List<LinearWeights> encoder = network.weights().subList(0, 3);
          for (int b = 0; b < BATCH; b++) {
            double[] window = window(x, b);
            double norm = 0;
            double h = 1e-4;
            for (int i = 0; i < SIZE; i++) {
              double[] up = window.clone();
              double[] down = window.clone();
              up[i] += h;
              down[i] -= h;
              double[] plus = encode(encoder, up);
              double[] minus = encode(encoder, down);
              for (int j = 0; j < plus.length; j++) {
                double slope = (plus[j] - minus[j]) / (2 * h);
                norm += slope * slope;
              }
            }
            assertThat((double) penalty[b]).isCloseTo(0.5 * norm, within(1e-4 + 1e-3 * norm));
          }
        });
  }

  @Test
  void theVaePenaltyIsBetaTimesTheKlDivergencePerValue() {
    TrainingOptions options = options(ModelKind.VAE).penalty(2).build();

    run(
        options,
        (network, x, penalty) -> {
          List<LinearWeights> path = network.weights();
          for (int b = 0; b < BATCH; b++) {
            double[] hidden = encode(path.subList(0, 2), window(x, b));
            double[] mean = encode(path.subList(2, 3), hidden);
            double[] logVariance = encode(List.of(network.logVarianceWeights()), hidden);
            double kl = 0;
            for (int j = 0; j < mean.length; j++) {
              kl += -0.5 * (1 + logVariance[j] - mean[j] * mean[j] - Math.exp(logVariance[j]));
            }
            assertThat((double) penalty[b]).isCloseTo(2 * kl / SIZE, within(1e-6));
          }
        });
  }

  @Test
  void theSparsePenaltyIsLambdaTimesTheMeanAbsoluteCode() {
    TrainingOptions options = options(ModelKind.SPARSE).penalty(0.3).build();

    run(
        options,
        (network, x, penalty) -> {
          for (int b = 0; b < BATCH; b++) {
            double[] code = encode(network.weights().subList(0, 3), window(x, b));
            double activity = 0;
            for (double c : code) {
              activity += Math.abs(c) / code.length;
            }
            assertThat((double) penalty[b]).isCloseTo(0.3 * activity, within(1e-6));
          }
        });
  }

  private static TrainingOptions.Builder options(ModelKind kind) {
    return TrainingOptions.defaults(kind).toBuilder()
        .window(WINDOW)
        .hidden(List.of(6, 5))
        .latent(3);
  }

  private interface Check {
    void accept(PenalisedDenseNetwork network, float[] x, float[] penalty);
  }

  /** Initialises the network with a seed and runs one batch in inference mode. */
  private static void run(TrainingOptions options, Check check) {
    TorchEngine.get().setRandomSeed(9);
    PenalisedDenseNetwork network = PenalisedDenseNetwork.create(options, WINDOW, FEATURES);
    NetworkChecks.withTrainer(
        network,
        BATCH,
        (trainer, x) -> {
          randomiseBiases(network);
          NDList out = trainer.evaluate(new NDList(x));
          check.accept(network, x.toFloatArray(), out.get(1).toFloatArray());
        });
  }

  /** Biases start at 0; other values make the derivatives differ between units. */
  private static void randomiseBiases(PenalisedDenseNetwork network) {
    Random random = new Random(4);
    for (var entry : network.block().getParameters()) {
      if (entry.getKey().endsWith("_bias")) {
        NDArray bias = entry.getValue().getArray();
        float[] values = new float[Math.toIntExact(bias.size())];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (0.3 * random.nextGaussian());
        }
        bias.set(values);
      }
    }
  }

  private static double[] window(float[] x, int b) {
    double[] window = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      window[i] = x[b * SIZE + i];
    }
    return window;
  }

  /** The layers in double precision: {@code y = act(W x + b)}, W {@code [out][in]}. */
  private static double[] encode(List<LinearWeights> layers, double[] x) {
    double[] value = x;
    for (LinearWeights layer : layers) {
      double[] y = new double[layer.outputs()];
      for (int o = 0; o < y.length; o++) {
        double sum = layer.bias()[o];
        for (int i = 0; i < layer.inputs(); i++) {
          sum += layer.weight()[o * layer.inputs() + i] * value[i];
        }
        y[o] =
            switch (layer.activation()) {
              case NONE -> sum;
              case TANH -> Math.tanh(sum);
              case RELU -> Math.max(0, sum);
              case SIGMOID -> 1 / (1 + Math.exp(-sum));
            };
      }
      value = y;
    }
    return value;
  }
}
