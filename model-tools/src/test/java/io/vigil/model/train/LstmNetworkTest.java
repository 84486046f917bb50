package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LSTM network computes one function however torch runs it: the forward pass of a training step
 * (gradients recorded) and of validation and export (no gradients) agree to float rounding, on
 * every CPU. Torch's fused LSTM did not: through oneDNN it picked another kernel for inference than
 * for training, and on AVX-512 that kernel's results differed by tenths.
 */
class LstmNetworkTest {
  private static final int WINDOW = 12;
  private static final int FEATURES = 3;
  private static final int BATCH = 16;

  @Test
  @SuppressWarnings("try") // the collector only has to be open: it turns gradient recording on
  void computesTheSameWithAndWithoutGradients() {
    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.LSTM).toBuilder()
            .window(WINDOW)
            .hidden(List.of(8))
            .latent(4)
            .dropout(0)
            .build();
    TorchEngine.get().setRandomSeed(5);
    LstmNetwork network = LstmNetwork.create(options, WINDOW, FEATURES);
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    try (Model model = Model.newInstance("lstm-test", TorchEngine.NAME)) {
      model.setBlock(network.block());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(network.inputShape(BATCH));
        NDArray x = trainer.getManager().create(windows(), network.inputShape(BATCH));

        // As AutoencoderTrainer validates: no gradients, training false.
        float[] inference = trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
        // As it steps: gradients recorded, training true (no dropout asked, so none runs).
        float[] training;
        try (GradientCollector collector = trainer.newGradientCollector()) {
          training = trainer.forward(new NDList(x)).singletonOrThrow().toFloatArray();
        }

        assertThat(training).hasSameSizeAs(inference);
        assertThat(maxDifference(inference, training)).isLessThan(1e-6);
      }
    }
  }

  /** Standard-normal values, as standardised windows are. */
  private static float[] windows() {
    Random random = new Random(3);
    float[] values = new float[BATCH * WINDOW * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
