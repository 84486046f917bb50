package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convolutional network computes one function however torch runs it, and keeps computing
 * numbers after Adam has stepped. Torch's own convolution did neither on an AVX-512 machine: after
 * the first step on a batch of 32 its forward pass returned NaN (see {@link UnrolledConv1d}).
 */
class ConvNetworkTest {
  private static final int WINDOW = 16;
  private static final int FEATURES = 4;
  private static final int BATCH = 32;

  @Test
  @SuppressWarnings("try") // the collector only has to be open: it turns gradient recording on
  void computesTheSameWithAndWithoutGradientsAndStaysFiniteUnderAdam() {
    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.CONV).toBuilder()
            .window(WINDOW)
            .hidden(List.of(6))
            .latent(4)
            .build();
    TorchEngine.get().setRandomSeed(5);
    ConvNetwork network = ConvNetwork.create(options, WINDOW, FEATURES);

    NetworkChecks.withTrainer(
        network,
        BATCH,
        (trainer, x) -> {
          NetworkChecks.assertSameWithAndWithoutGradients(trainer, x);
          List<Float> losses = new ArrayList<>();
          for (int step = 0; step < 5; step++) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDArray loss =
                  trainer.forward(new NDList(x)).singletonOrThrow().sub(x).square().mean();
              collector.backward(loss);
              losses.add(loss.getFloat());
            }
            trainer.step();
          }
          assertThat(losses).allSatisfy(loss -> assertThat(loss).isFinite());
          assertThat(losses.get(4)).isLessThan(losses.get(0));
        });
  }
}
