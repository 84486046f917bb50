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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import java.util.function.BiConsumer;

/** What the network tests share: a seeded trainer, standard-normal windows, comparisons. */
final class NetworkChecks {
  private NetworkChecks() {}

  /**
   * Initialises a network as {@link AutoencoderTrainer} does (engine seed 5, Xavier weights, Adam
   * at 1e-3) and hands its trainer and a batch of seeded standard-normal windows to {@code body}.
   */
  static void withTrainer(Network network, int batch, BiConsumer<Trainer, NDArray> body) {
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
            .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
    try (Model model = Model.newInstance("network-test", TorchEngine.NAME)) {
      model.setBlock(network.block());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(network.inputShape(batch));
        float[] values = new float[Math.toIntExact(network.inputShape(batch).size())];
        Random random = new Random(3);
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextGaussian();
        }
        body.accept(trainer, trainer.getManager().create(values, network.inputShape(batch)));
      }
    }
  }

  /**
   * Asserts that the forward pass of validation and export (no gradients, training false) and that
   * of a training step (gradients recorded, training true; no dropout asked, so none runs) agree
   * within 1e-6.
   */
  @SuppressWarnings("try") // the collector only has to be open: it turns gradient recording on
  static void assertSameWithAndWithoutGradients(Trainer trainer, NDArray x) {
    float[] inference = trainer.evaluate(new NDList(x)).get(0).toFloatArray();
    float[] training;
    try (GradientCollector collector = trainer.newGradientCollector()) {
      training = trainer.forward(new NDList(x)).get(0).toFloatArray();
    }
    assertThat(training).hasSize(Math.toIntExact(x.size()));
    double max = 0;
    for (int i = 0; i < inference.length; i++) {
      max = Math.max(max, Math.abs(inference[i] - training[i]));
    }
    assertThat(max).isLessThan(1e-6);
  }
}
