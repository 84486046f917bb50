package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.inference.onnx.Activation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {
  private static TrainingOptions.Builder dense() {
    return TrainingOptions.defaults(ModelKind.DENSE).toBuilder();
  }

  @Test
  void defaultsAreValidForEveryKind() {
    for (ModelKind kind : ModelKind.values()) {
      assertThat(TrainingOptions.defaults(kind).kind()).isEqualTo(kind);
    }
  }

  @Test
  void aStrideLongerThanTheWindowIsRefusedWithTheAllowedRange() {
    assertThatThrownBy(() -> dense().window(8).stride(9).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("training option stride = 9 is invalid, allowed: [1, window = 8]");
  }

  @Test
  void fittingWindowsFollowSUnlessATrainingStrideIsSet() {
    assertThat(dense().build().fitStride()).isEqualTo(4);
    assertThat(dense().trainingStride(1).build().fitStride()).isEqualTo(1);
    assertThat(dense().trainingStride(1).build().describe()).containsEntry("trainingStride", 1);
    assertThat(dense().build().describe()).containsEntry("trainingStride", 4);
    assertThatThrownBy(() -> dense().window(8).stride(4).trainingStride(9).build())
        .hasMessage(
            "training option trainingStride = 9 is invalid, allowed: [0, window = 8]; 0 for S");
  }

  @Test
  void oneMemberByDefaultAndAtMostSixteen() {
    assertThat(dense().build().members()).isEqualTo(1);
    assertThat(dense().build().describe()).doesNotContainKey("members");
    assertThat(dense().members(3).build().describe()).containsEntry("members", 3);
    assertThatThrownBy(() -> dense().members(0).build())
        .hasMessage("training option members = 0 is invalid, allowed: [1, 16]");
    assertThatThrownBy(() -> dense().members(17).build())
        .hasMessage("training option members = 17 is invalid, allowed: [1, 16]");
  }

  @Test
  void memberZeroKeepsTheSeedAndEnsemblesOfNeighbouringSeedsShareNoMember() {
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      TrainingOptions options = dense().seed(seed).members(5).build();
      assertThat(options.memberSeed(0)).isEqualTo(seed);
      for (int m = 1; m < 5; m++) {
        long own = options.memberSeed(m);
        // An int, as the engine's seed is.
        assertThat(own).isBetween(0L, (long) Integer.MAX_VALUE);
        assertThat(seen.add(own)).as("seed %d member %d", seed, m).isTrue();
      }
    }
    // Neither does a member seed repeat a plain seed of that range.
    assertThat(seen).doesNotContainAnyElementsOf(LongStream.range(0, 50).boxed().toList());
  }

  @Test
  void badValuesNameTheFieldTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> dense().dropout(0.95).build())
        .hasMessage("training option dropout = 0.95 is invalid, allowed: [0, 0.9]");
    assertThatThrownBy(() -> dense().learningRate(0).build())
        .hasMessage("training option learningRate = 0.0 is invalid, allowed: (0, 1]");
    assertThatThrownBy(() -> dense().hidden(List.of(64, 0)).build())
        .hasMessage("training option hidden = [64, 0] is invalid, allowed: sizes in [1, 4096]");
    assertThatThrownBy(() -> dense().activation(Activation.NONE).build())
        .hasMessage("training option activation = NONE is invalid, allowed: tanh, relu or sigmoid");
    assertThatThrownBy(() -> dense().validationSplit(0.95).build())
        .hasMessage("training option validationSplit = 0.95 is invalid, allowed: [0, 0.9]");
  }

  @Test
  void kindsAndLossesParseCaseInsensitivelyAndListTheAllowedNames() {
    assertThat(ModelKind.parse("LSTM")).isEqualTo(ModelKind.LSTM);
    assertThat(LossKind.parse("mae")).isEqualTo(LossKind.MAE);
    assertThatThrownBy(() -> ModelKind.parse("gru"))
        .hasMessage("kind = 'gru', expected one of [dense, lstm, conv, vae, sparse, contractive]");
  }

  @Test
  void eachKindHasItsOwnOptionsAndRefusesTheOthers() {
    assertThat(TrainingOptions.defaults(ModelKind.CONV).kernel()).isEqualTo(5);
    assertThat(TrainingOptions.defaults(ModelKind.VAE).penalty()).isEqualTo(1.0);
    assertThat(TrainingOptions.defaults(ModelKind.SPARSE).penalty()).isEqualTo(0.01);
    assertThat(TrainingOptions.defaults(ModelKind.CONTRACTIVE).penalty()).isEqualTo(0.001);
    assertThat(TrainingOptions.defaults(ModelKind.DENSE).penalty()).isZero();

    assertThatThrownBy(() -> dense().penalty(0.5).build())
        .hasMessage(
            "training option penalty = 0.5 is invalid, allowed: 0: only vae, sparse and"
                + " contractive have one");
    assertThatThrownBy(() -> dense().kernel(3).build())
        .hasMessage("training option kernel = 3 is invalid, allowed: 0: only conv has a kernel");
    assertThatThrownBy(
            () -> TrainingOptions.defaults(ModelKind.VAE).toBuilder().penalty(-1).build())
        .hasMessage("training option penalty = -1.0 is invalid, allowed: [0, 1000.0]");
    assertThatThrownBy(
            () -> TrainingOptions.defaults(ModelKind.CONTRACTIVE).toBuilder().dropout(0.1).build())
        .hasMessage(
            "training option dropout = 0.1 is invalid, allowed: 0 for contractive: its penalty is"
                + " the Jacobian of the encoder without dropout");
  }

  @Test
  void convNeedsAnOddKernelAndAWindowItsLayersCanHalve() {
    TrainingOptions.Builder conv = TrainingOptions.defaults(ModelKind.CONV).toBuilder();

    assertThatThrownBy(() -> conv.kernel(4).build())
        .hasMessage("training option kernel = 4 is invalid, allowed: an odd size in [1, 31]");
    assertThatThrownBy(() -> conv.kernel(5).window(30).build())
        .hasMessage(
            "training option window = 30 is invalid, allowed: a multiple of 4 for conv with 1"
                + " hidden layer(s): each of its 2 strided convolutions halves the time axis");
    assertThat(conv.window(24).hidden(List.of(8, 8)).build().window()).isEqualTo(24);
  }

  @Test
  void theDescriptionForProvenanceHoldsEveryOption() {
    assertThat(TrainingOptions.defaults(ModelKind.LSTM).describe())
        .containsKeys(
            "kind",
            "window",
            "stride",
            "hidden",
            "latent",
            "noise",
            "dropout",
            "epochs",
            "batchSize",
            "learningRate",
            "validationSplit",
            "patience",
            "loss",
            "seed",
            "stdFloor")
        .containsEntry("kind", "lstm");
  }
}
