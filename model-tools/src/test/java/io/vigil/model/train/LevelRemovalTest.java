package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.data.WindowLevels;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelRemovalTest {
  private static final List<String> FEATURES = List.of("Pressure", "Temperature", "Thermocouple");

  @Test
  void parsesNoneAllAndNames() {
    assertThat(LevelRemoval.parse("none")).isEqualTo(LevelRemoval.NONE);
    assertThat(LevelRemoval.parse("ALL").mask(FEATURES)).containsExactly(true, true, true);
    assertThat(LevelRemoval.parse("Temperature, Thermocouple").mask(FEATURES))
        .containsExactly(false, true, true);
    assertThat(LevelRemoval.NONE.mask(FEATURES)).containsExactly(false, false, false);
    assertThat(LevelRemoval.parse("Temperature,Thermocouple").describe())
        .isEqualTo("Temperature,Thermocouple");
  }

  @Test
  void anEmptyNameIsRefused() {
    assertThatThrownBy(() -> LevelRemoval.parse("Temperature,,Current"))
        .hasMessageContaining("an empty channel name");
  }

  @Test
  void theDefaultOfEveryKindKeepsEveryLevel() {
    for (ModelKind kind : ModelKind.values()) {
      assertThat(TrainingOptions.defaults(kind).levelRemoval()).isEqualTo(LevelRemoval.NONE);
    }
    assertThat(TrainingOptions.defaults(ModelKind.DENSE).describe())
        .containsEntry("removeLevel", "none");
  }

  @Test
  void windowLevelsComeOffTheMaskedChannelsAndGoBackExactly() {
    // Two windows of W=2 rows, F=2: channel 1 is masked.
    float[] windows = {1, 10, 3, 14, 5, -2, 7, 2};
    float[] levels = WindowLevels.remove(windows, 2, 2, new boolean[] {false, true});

    assertThat(levels).containsExactly(0, 12, 0, 0);
    assertThat(windows).containsExactly(1, -2, 3, 2, 5, -2, 7, 2);
    WindowLevels.restore(windows, levels, 2, 2, 2);
    assertThat(windows).containsExactly(1, 10, 3, 14, 5, -2, 7, 2);
  }
}
