package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.inference.onnx.Activation;
import java.util.List;
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
        .hasMessage("kind = 'gru', expected one of [dense, lstm]");
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
