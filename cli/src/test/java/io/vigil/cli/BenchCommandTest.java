package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors of {@code vigil bench}; the bench itself runs in the bench module's smoke IT. */
class BenchCommandTest extends CliTest {
  @Test
  void helpNamesThePhasesAndTheResultLine() {
    assertThat(vigil("bench", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: vigil bench", "--batch-sizes", "--skip", "bench e2e_fps=", "jmh");
    assertThat(vigil("bench", "jmh", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: vigil bench jmh", "--prof");
  }

  @Test
  void anUnknownPhaseIsAUsageErrorNamingTheKnownOnes() {
    assertThat(vigil("bench", "--skip", "warmup")).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown phase 'warmup'", "[passthrough, inference, e2e, latency]");
  }

  @Test
  void anUnknownModelOrGuaranteeIsAUsageError() {
    assertThat(vigil("bench", "--model", "cnn")).isEqualTo(2);
    assertThat(err.toString()).contains("--model 'cnn' is unknown");
    assertThat(vigil("bench", "--guarantee", "exactly_once")).isEqualTo(2);
    assertThat(err.toString()).contains("--guarantee 'exactly_once' is unknown");
  }

  @Test
  void aBacklogTooSmallForWindowsIsAUsageError() {
    assertThat(vigil("bench", "--devices", "100", "--frames", "1000")).isEqualTo(2);
    assertThat(err.toString()).contains("--frames = 1000 is invalid");
  }

  @Test
  void onlyTheGcProfilerIsOffered() {
    assertThat(vigil("bench", "jmh", "--prof", "stack")).isEqualTo(2);
    assertThat(err.toString()).contains("--prof 'stack' is unknown, expected gc");
  }
}
