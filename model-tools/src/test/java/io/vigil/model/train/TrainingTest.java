package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.SimulatedData;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Training runs on small simulated data: seeded, early-stopping, learning. */
class TrainingTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Recording DATA = SimulatedData.normal(1, 3, 300);

  private static TrainedModel train(TrainingOptions options, TrainingListener listener) {
    return new TrainingPipeline(
            options, ThresholdCalibration.DEFAULT, new ModelIdentity("t", "1"), CLOCK)
        .run(DATA, listener);
  }

  private static TrainingOptions.Builder small(ModelKind kind) {
    return TrainingOptions.defaults(kind).toBuilder()
        .window(8)
        .stride(2)
        .hidden(List.of(12))
        .latent(4)
        .epochs(3)
        .batchSize(16);
  }

  @Test
  void theSameSeedGivesTheSameModelBitForBit() {
    TrainingOptions options = small(ModelKind.DENSE).noise(0.1).dropout(0.1).seed(11).build();
    byte[] first;
    byte[] second;
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      first = model.bytes();
    }
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      second = model.bytes();
    }

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theSameSeedGivesTheSameLstmModelBitForBit() {
    TrainingOptions options = small(ModelKind.LSTM).noise(0.1).dropout(0.1).seed(11).build();
    byte[] first;
    byte[] second;
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      first = model.bytes();
    }
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      second = model.bytes();
    }

    assertThat(second).isEqualTo(first);
  }

  @ParameterizedTest
  @EnumSource(names = {"CONV", "VAE", "SPARSE", "CONTRACTIVE"})
  void theSameSeedGivesTheSameModelBitForBitForTheNewKinds(ModelKind kind) {
    // The VAE's sampling noise comes from the engine's generator, seeded like the weights.
    TrainingOptions.Builder b = small(kind).noise(0.1).seed(11);
    TrainingOptions options = kind == ModelKind.CONTRACTIVE ? b.build() : b.dropout(0.1).build();
    List<Double> losses = new ArrayList<>();
    byte[] first;
    byte[] second;
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      first = model.bytes();
      model.history().epochs().forEach(e -> losses.add(e.trainingLoss()));
    }
    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      second = model.bytes();
    }

    assertThat(second).isEqualTo(first);
    assertThat(losses).allSatisfy(loss -> assertThat(loss).isFinite());
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
  }

  @Test
  void anotherSeedGivesAnotherModel() {
    byte[] first;
    byte[] second;
    try (TrainedModel model = train(small(ModelKind.LSTM).seed(1).build(), TrainingListener.NONE)) {
      first = model.bytes();
    }
    try (TrainedModel model = train(small(ModelKind.LSTM).seed(2).build(), TrainingListener.NONE)) {
      second = model.bytes();
    }

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void trainingLowersTheLossAndReportsEveryEpochAndBatch() {
    List<EpochResult> epochs = new ArrayList<>();
    int[] batches = new int[1];
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onBatch(int epoch, int total, int batch, int perEpoch) {
            batches[0]++;
          }

          @Override
          public void onEpoch(EpochResult result, int total) {
            epochs.add(result);
          }
        };

    try (TrainedModel model =
        train(small(ModelKind.DENSE).epochs(6).patience(0).build(), listener)) {
      TrainingHistory history = model.history();
      assertThat(epochs).hasSize(6).isEqualTo(history.epochs());
      assertThat(batches[0]).isEqualTo(6 * ((history.trainingWindows() + 15) / 16));
      assertThat(history.last().trainingLoss()).isLessThan(history.epochs().get(0).trainingLoss());
      assertThat(history.best().validationLoss()).isFinite();
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpochAndStopsAfterPatience() {
    // A learning rate this high makes the validation loss bounce, so a stop comes soon.
    TrainingOptions options =
        small(ModelKind.DENSE).epochs(60).patience(2).learningRate(0.05).build();

    try (TrainedModel model = train(options, TrainingListener.NONE)) {
      TrainingHistory history = model.history();
      assertThat(history.stoppedEarly()).isTrue();
      assertThat(history.epochs()).hasSize(history.bestEpoch() + 2);
      double best = history.best().validationLoss();
      assertThat(history.epochs())
          .allSatisfy(e -> assertThat(e.validationLoss()).isGreaterThanOrEqualTo(best));
    }
  }
}
