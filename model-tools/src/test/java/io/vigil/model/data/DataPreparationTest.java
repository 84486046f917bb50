package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.contract.Scaler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting, scaling and windowing of training rows. */
class DataPreparationTest {
  private static Series series(String name, float... values) {
    long[] times = new long[values.length / 2];
    for (int i = 0; i < times.length; i++) {
      times[i] = 1000L * i;
    }
    return new Series(name, List.of("a", "b"), times, values, null);
  }

  @Test
  void theScalerIsFittedPerChannelOnThePresentValues() {
    Scaler scaler = ScalerFit.fit(List.of(series("s", 1, 10, 3, Float.NaN, 5, 30)));

    assertThat((double) scaler.mean(0)).isCloseTo(3, within(1e-6));
    assertThat((double) scaler.std(0)).isCloseTo(Math.sqrt(8.0 / 3), within(1e-6));
    assertThat((double) scaler.mean(1)).isCloseTo(20, within(1e-6));
    assertThat((double) scaler.std(1)).isCloseTo(10, within(1e-6));
  }

  @Test
  void aConstantChannelGetsUnitStd() {
    Scaler scaler = ScalerFit.fit(List.of(series("s", 32, 1, 32, 2, 32, 3)));

    assertThat(scaler.std(0)).isEqualTo(1f);
    assertThat(scaler.mean(0)).isEqualTo(32f);
  }

  @Test
  void aRelativeFloorKeepsANearlyConstantChannelFromDominating() {
    Series temperature = series("s", 70.0f, 1, 70.1f, 2, 69.9f, 3);

    Scaler plain = ScalerFit.fit(List.of(temperature));
    Scaler floored = ScalerFit.fit(List.of(temperature), 0.01);

    assertThat((double) plain.std(0)).isCloseTo(0.0816, within(1e-3));
    assertThat((double) floored.std(0)).isCloseTo(0.70, within(1e-4));
    assertThat(floored.std(1))
        .as("a channel above the floor keeps its std")
        .isEqualTo(plain.std(1));
  }

  @Test
  void windowsNeverCrossSeriesAndSkipMissingValues() {
    Series first = series("a", 0, 0, 1, 1, 2, 2, 3, 3);
    Series second = series("b", 10, 10, Float.NaN, 11, 12, 12, 13, 13);

    WindowSet windows = WindowSet.of(List.of(first, second), 2, 1, Scaler.identity(2));

    // first: [0,1] [1,2] [2,3]; second: [12,13] only (the NaN row spoils two windows).
    assertThat(windows.count()).isEqualTo(4);
    assertThat(windows.window(2)).containsExactly(2, 2, 3, 3);
    assertThat(windows.window(3)).containsExactly(12, 12, 13, 13);
  }

  @Test
  void windowsAreStandardised() {
    Scaler scaler = Scaler.of(new float[] {1, 2}, new float[] {2, 4});

    WindowSet windows = WindowSet.of(List.of(series("a", 1, 2, 3, 10)), 2, 2, scaler);

    assertThat(windows.window(0)).containsExactly(0, 0, 1, 2);
  }

  @Test
  void theValidationSplitHoldsOutTheLaterRowsOfEachSeries() {
    Series s = series("a", 0, 0, 1, 1, 2, 2, 3, 3, 4, 4);

    TrainingSplit split = TrainingSplit.of(List.of(s), 0.4);

    assertThat(split.training().get(0).rows()).isEqualTo(3);
    assertThat(split.validation().get(0).rows()).isEqualTo(2);
    assertThat(split.validation().get(0).value(0, 0)).isEqualTo(3f);
  }

  @Test
  void theContentHashDependsOnTheValuesNotTheSourceName() {
    Recording a = new Recording("a.csv", List.of(series("a", 1, 2, 3, 4)));
    Recording b = new Recording("b.jsonl", List.of(series("b", 1, 2, 3, 4)));
    Recording c = new Recording("a.csv", List.of(series("a", 1, 2, 3, 5)));

    assertThat(a.contentHash()).startsWith("sha256:").isEqualTo(b.contentHash());
    assertThat(a.contentHash()).isNotEqualTo(c.contentHash());
  }

  @Test
  void timesMustNotGoBack() {
    assertThatThrownBy(
            () -> new Series("s", List.of("a"), new long[] {2000, 1000}, new float[] {1, 2}, null))
        .hasMessage("series s: row 1 goes back in time (1000 after 2000)");
  }

  @Test
  void timesAreReadInEveryDocumentedForm() {
    assertThat(TimeParser.parse("1767225600000")).isEqualTo(1767225600000L);
    assertThat(TimeParser.parse("2026-01-01T00:00:00Z")).isEqualTo(1767225600000L);
    assertThat(TimeParser.parse("2026-01-01T01:00:00+01:00")).isEqualTo(1767225600000L);
    assertThat(TimeParser.parse("2026-01-01 00:00:00")).isEqualTo(1767225600000L);
    assertThat(TimeParser.parse("2026-01-01T00:00:00.250")).isEqualTo(1767225600250L);
    assertThatThrownBy(() -> TimeParser.parse("yesterday"))
        .hasMessageStartingWith("time 'yesterday' is not epoch milliseconds");
  }
}
