package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.bench.model.ModelChoice;
import io.vigil.inference.runtime.ExecutionProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private static BenchOptions options(
      int devices, long frames, List<Integer> batches, Set<Phase> skip, Map<String, String> set) {
    return new BenchOptions(
        ModelChoice.LINEAR,
        null,
        devices,
        8,
        32,
        4,
        2,
        frames,
        0,
        Duration.ofSeconds(30),
        0.5,
        0,
        true,
        ExecutionProvider.CPU,
        batches,
        skip,
        Path.of("w"),
        Path.of("w/r.json"),
        42,
        set);
  }

  @Test
  void theBacklogIsWholeStepsOfTheFleet() {
    BenchOptions o = options(1000, 150_500, List.of(64), Set.of(), Map.of());
    assertThat(o.stepsPerDevice()).isEqualTo(151);
    assertThat(o.runs(Phase.E2E)).isTrue();
  }

  @Test
  void refusesABacklogTooSmallToMakeWindowsNamingTheOption() {
    assertThatThrownBy(() -> options(1000, 10_000, List.of(64), Set.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--frames = 10000")
        .hasMessageContaining("64000");
  }

  @Test
  void refusesAWarmUpTooSmallToMakeWindowsButAllowsNone() {
    BenchOptions none = options(10, 10_000, List.of(64), Set.of(), Map.of());
    assertThat(none.warmupStepsPerDevice()).isZero();
    assertThatThrownBy(
            () ->
                new BenchOptions(
                    none.model(),
                    null,
                    10,
                    8,
                    32,
                    4,
                    2,
                    10_000,
                    100,
                    none.duration(),
                    0.5,
                    0,
                    true,
                    none.provider(),
                    List.of(64),
                    Set.of(),
                    none.workDir(),
                    none.report(),
                    42,
                    Map.of()))
        .hasMessageContaining("--warmup-frames = 100")
        .hasMessageContaining("640");
  }

  @Test
  void refusesBatchSizesOutOfRange() {
    assertThatThrownBy(() -> options(10, 10_000, List.of(64, 0), Set.of(), Map.of()))
        .hasMessageContaining("--batch-sizes");
  }

  @Test
  void theLatencyPhaseNeedsAnEndToEndRateOrAGivenOne() {
    assertThatThrownBy(() -> options(10, 10_000, List.of(64), Set.of(Phase.E2E), Map.of()))
        .hasMessageContaining("--latency-rate");
    assertThat(options(10, 10_000, List.of(64), Set.of(Phase.E2E, Phase.LATENCY), Map.of()).skip())
        .containsExactlyInAnyOrder(Phase.E2E, Phase.LATENCY);
  }

  @Test
  void extraSettingsMayNotChangeWhatTheBenchSetsPerPhase() {
    assertThat(
            options(10, 10_000, List.of(64), Set.of(), Map.of("vigil.commit.interval.ms", "100"))
                .appSettings())
        .containsEntry("vigil.commit.interval.ms", "100");
    assertThatThrownBy(
            () -> options(10, 10_000, List.of(64), Set.of(), Map.of("vigil.application.id", "x")))
        .hasMessageContaining("--set = vigil.application.id");
    assertThatThrownBy(() -> options(10, 10_000, List.of(64), Set.of(), Map.of("other", "x")))
        .hasMessageContaining("vigil.* or kafka.*");
  }

  @Test
  void parsesPhaseListsAndNamesTheKnownPhases() {
    assertThat(Phase.parseList("passthrough, latency"))
        .containsExactlyInAnyOrder(Phase.PASSTHROUGH, Phase.LATENCY);
    assertThat(Phase.parseList(null)).isEmpty();
    assertThatThrownBy(() -> Phase.parseList("warmup"))
        .hasMessageContaining("'warmup'")
        .hasMessageContaining("[passthrough, inference, e2e, latency]");
  }

  @Test
  void parsesModelChoices() {
    assertThat(ModelChoice.parse("LSTM")).isEqualTo(ModelChoice.LSTM);
    assertThatThrownBy(() -> ModelChoice.parse("file"))
        .hasMessageContaining("[dense, lstm, linear]");
  }
}
