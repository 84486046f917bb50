package io.vigil.model.export;

import static io.vigil.model.export.ExportFixtures.DATA;
import static io.vigil.model.export.ExportFixtures.parity;
import static io.vigil.model.export.ExportFixtures.rawWindows;
import static io.vigil.model.export.ExportFixtures.train;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.train.LevelRemoval;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model trained with {@code --remove-level} takes each window's level off the chosen channels in
 * its exported graph exactly as in training: the export agrees with the network within 1e-4, a
 * constant added to a chosen channel moves its reconstruction by that constant and leaves every
 * score unchanged, and the same shift on a channel that keeps its level does change the score.
 */
class LevelRemovalParityTest {
  private static final int N = 16;

  private static TrainingOptions options(ModelKind kind, LevelRemoval level) {
    TrainingOptions.Builder b =
        TrainingOptions.defaults(kind).toBuilder()
            .window(16)
            .stride(2)
            .epochs(3)
            .batchSize(32)
            .levelRemoval(level);
    return (kind == ModelKind.CONV
            ? b.hidden(List.of(6)).latent(4)
            : b.hidden(List.of(24)).latent(4))
        .build();
  }

  @ParameterizedTest
  @EnumSource(names = {"DENSE", "LSTM", "CONV"})
  void exportAgreesWithTheNetworkAndIgnoresTheLevelOfTheChosenChannel(ModelKind kind) {
    String chosen = DATA.channels().get(0);
    try (TrainedModel model = train(options(kind, LevelRemoval.parse(chosen)))) {
      ParityReport report = parity(model);
      assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
      assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);

      float[] windows = rawWindows(model);
      int f = model.metadata().featureCount();
      int size = model.metadata().window() * f;
      float std = model.metadata().scaler().std(0);
      float shift = 3 * std;
      float[] shifted = shift(windows, N * size, f, 0, shift);
      float[] other = shift(windows, N * size, f, 1, 3 * model.metadata().scaler().std(1));
      InferenceSettings settings = new InferenceSettings(ExecutionProvider.CPU, 1, N);
      try (OnnxModel onnx = OnnxModel.load(model.bytes(), "level test", settings)) {
        BatchScores base = onnx.newScorer().score(windows, N, true);
        BatchScores moved = onnx.newScorer().score(shifted, N, true);
        BatchScores movedOther = onnx.newScorer().score(other, N, true);
        double changedByOther = 0;
        for (int b = 0; b < N; b++) {
          assertThat(moved.score(b)).isCloseTo(base.score(b), within(1e-4f * (1 + base.score(b))));
          float[] r0 = base.reconstruction(b);
          float[] r1 = moved.reconstruction(b);
          for (int i = 0; i < size; i += f) {
            assertThat(r1[i] - r0[i]).isCloseTo(shift, within(1e-3f * (1 + Math.abs(shift))));
          }
          changedByOther = Math.max(changedByOther, Math.abs(movedOther.score(b) - base.score(b)));
        }
        assertThat(changedByOther).isGreaterThan(0.1);
      }
    }
  }

  @Test
  void aChannelTheModelDoesNotReadIsRefusedNamingTheChannels() {
    assertThatThrownBy(
            () -> train(options(ModelKind.DENSE, LevelRemoval.parse("Temperature,nope"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "channel 'Temperature' is not read by the model, expected one of " + DATA.channels());
  }

  private static float[] shift(float[] windows, int length, int features, int channel, float by) {
    float[] out = java.util.Arrays.copyOf(windows, length);
    for (int i = channel; i < length; i += features) {
      out[i] += by;
    }
    return out;
  }
}
