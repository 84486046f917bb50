package io.vigil.model.train;

import java.util.List;
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

    NetworkChecks.withTrainer(network, BATCH, NetworkChecks::assertSameWithAndWithoutGradients);
  }
}
