package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The unrolled LSTM layer computes PyTorch's LSTM (checked against a plain double-precision LSTM
 * with known weights) and starts from the weights DJL's fused LSTM would have drawn.
 */
class UnrolledLstmTest {
  private static final int BATCH = 2;
  private static final int STEPS = 6;
  private static final int INPUTS = 2;
  private static final int HIDDEN = 3;
  private static final Shape INPUT_SHAPE = new Shape(BATCH, STEPS, INPUTS);

  @Test
  void computesTheLstmOfADoublePrecisionReference() {
    Random random = new Random(17);
    float[] wih = uniform(random, 4 * HIDDEN * INPUTS);
    float[] whh = uniform(random, 4 * HIDDEN * HIDDEN);
    float[] bih = uniform(random, 4 * HIDDEN);
    float[] bhh = uniform(random, 4 * HIDDEN);
    float[] x = uniform(random, BATCH * STEPS * INPUTS);

    float[] actual;
    try (NDManager manager = TorchEngine.get().newBaseManager()) {
      UnrolledLstm lstm = new UnrolledLstm(HIDDEN);
      lstm.initialize(manager, DataType.FLOAT32, INPUT_SHAPE);
      set(lstm, UnrolledLstm.INPUT_WEIGHT, wih);
      set(lstm, UnrolledLstm.RECURRENT_WEIGHT, whh);
      set(lstm, UnrolledLstm.INPUT_BIAS, bih);
      set(lstm, UnrolledLstm.RECURRENT_BIAS, bhh);
      NDArray input = manager.create(x, INPUT_SHAPE);
      NDArray output =
          lstm.forward(new ParameterStore(manager, false), new NDList(input), false)
              .singletonOrThrow();
      assertThat(output.getShape()).isEqualTo(new Shape(BATCH, STEPS, HIDDEN));
      actual = output.toFloatArray();
    }

    double[] expected = reference(x, wih, whh, bih, bhh);
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) actual[k]).as("output %d", k).isCloseTo(expected[k], within(1e-5));
    }
  }

  @Test
  void drawsTheInitialWeightsOfDjlsLstmFromTheSameSeed() {
    Block fused =
        LSTM.builder()
            .setStateSize(HIDDEN)
            .setNumLayers(1)
            .optBatchFirst(true)
            .optReturnState(false)
            .build();
    Block unrolled = new UnrolledLstm(HIDDEN);
    try (NDManager manager = TorchEngine.get().newBaseManager()) {
      List<String> names = new ArrayList<>();
      List<float[]> expected = new ArrayList<>();
      for (var entry : initialise(fused, manager).getParameters()) {
        names.add(entry.getKey());
        expected.add(entry.getValue().getArray().toFloatArray());
      }
      List<String> actualNames = new ArrayList<>();
      List<float[]> actual = new ArrayList<>();
      for (var entry : initialise(unrolled, manager).getParameters()) {
        actualNames.add(entry.getKey());
        actual.add(entry.getValue().getArray().toFloatArray());
      }

      assertThat(actualNames).isEqualTo(names);
      for (int k = 0; k < names.size(); k++) {
        assertThat(actual.get(k)).as(names.get(k)).isEqualTo(expected.get(k));
      }
    }
  }

  /** Initialises as AutoencoderTrainer does: Xavier weights, zero biases, a seeded engine. */
  private static Block initialise(Block block, NDManager manager) {
    block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    TorchEngine.get().setRandomSeed(9);
    block.initialize(manager, DataType.FLOAT32, INPUT_SHAPE);
    return block;
  }

  private static void set(Block block, String parameter, float[] values) {
    block.getParameters().get(parameter).getArray().set(values);
  }

  private static float[] uniform(Random random, int n) {
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      values[k] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  /** PyTorch's LSTM in doubles, gate blocks (i, f, g, o), zero initial states, batch-first. */
  private static double[] reference(float[] x, float[] wih, float[] whh, float[] bih, float[] bhh) {
    double[] out = new double[BATCH * STEPS * HIDDEN];
    for (int b = 0; b < BATCH; b++) {
      double[] h = new double[HIDDEN];
      double[] c = new double[HIDDEN];
      for (int t = 0; t < STEPS; t++) {
        double[] gates = new double[4 * HIDDEN];
        for (int r = 0; r < 4 * HIDDEN; r++) {
          double sum = bih[r] + bhh[r];
          for (int k = 0; k < INPUTS; k++) {
            sum += wih[r * INPUTS + k] * (double) x[(b * STEPS + t) * INPUTS + k];
          }
          for (int k = 0; k < HIDDEN; k++) {
            sum += whh[r * HIDDEN + k] * h[k];
          }
          gates[r] = sum;
        }
        for (int j = 0; j < HIDDEN; j++) {
          double i = sigmoid(gates[j]);
          double f = sigmoid(gates[HIDDEN + j]);
          double g = Math.tanh(gates[2 * HIDDEN + j]);
          double o = sigmoid(gates[3 * HIDDEN + j]);
          c[j] = f * c[j] + i * g;
          h[j] = o * Math.tanh(c[j]);
          out[(b * STEPS + t) * HIDDEN + j] = h[j];
        }
      }
    }
    return out;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
