package io.vigil.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final LatencyMillis LATENCY =
      new LatencyMillis(10, 812.25, 900.0, 1234.56, 1300.0, 850.0);

  private static EndToEndResult e2e(int batch, double fps) {
    return new EndToEndResult(
        batch, 1000, 100, 100, 1, fps, "first_to_last_output", 1, fps, 2, 0.5, 1.5, 500, 0);
  }

  private static InferenceResult inference(int batch, double fps) {
    return new InferenceResult(batch, 100, 1, fps / 4, fps, 1);
  }

  private static LatencyResult latency() {
    return new LatencyResult(
        64,
        100,
        100,
        1000,
        10,
        2,
        LATENCY,
        LatencyMillis.of(io.vigil.bench.stats.LatencySummary.EMPTY),
        500,
        io.vigil.app.CommitStats.NONE);
  }

  @Test
  void ratioIsEndToEndOverTheLowerOfTheTwoBounds() {
    PassthroughResult pass =
        new PassthroughResult(1000, 1, 40_000, "first_to_last_output", 1, 2, 1.0, 5.0);
    Summary s =
        Summary.of(
            List.of(e2e(64, 8_000), e2e(256, 10_000)),
            pass,
            List.of(inference(64, 100_000), inference(256, 20_000)),
            latency());
    assertThat(s.e2eFps()).isEqualTo(10_000);
    assertThat(s.e2eBatchSize()).isEqualTo(256);
    // The bound of the best run is inference at its own batch size, 20,000 < 40,000.
    assertThat(s.inferenceFps()).isEqualTo(20_000);
    assertThat(s.boundBy()).isEqualTo("inference");
    assertThat(s.ratio()).isEqualTo(0.5);
    assertThat(s.p50Ms()).isEqualTo(812.25);
    assertThat(s.p99Ms()).isEqualTo(1234.56);
  }

  @Test
  void thePassThroughBindsWhenItIsSlower() {
    PassthroughResult pass =
        new PassthroughResult(1000, 1, 16_000, "first_to_last_output", 1, 2, 1.0, 5.0);
    Summary s = Summary.of(List.of(e2e(64, 8_000)), pass, List.of(inference(64, 100_000)), null);
    assertThat(s.boundBy()).isEqualTo("passthrough");
    assertThat(s.ratio()).isEqualTo(0.5);
  }

  @Test
  void theLineHasEveryFigureInItsFixedFormat() {
    PassthroughResult pass =
        new PassthroughResult(1000, 1, 40_000.4, "first_to_last_output", 1, 2, 1.0, 5.0);
    Summary s =
        Summary.of(List.of(e2e(64, 9_876.5)), pass, List.of(inference(64, 20_000)), latency());
    assertThat(s.line())
        .isEqualTo(
            "bench e2e_fps=9877 passthrough_fps=40000 inference_fps=20000 ratio=0.494"
                + " p50_ms=812.3 p99_ms=1234.6");
  }

  @Test
  void skippedPhasesReadNotAvailable() {
    Summary s = Summary.of(List.of(), null, List.of(inference(64, 20_000)), null);
    assertThat(s.line())
        .isEqualTo(
            "bench e2e_fps=n/a passthrough_fps=n/a inference_fps=20000 ratio=n/a p50_ms=n/a"
                + " p99_ms=n/a");
    assertThat(s.boundBy()).isEqualTo("inference");
  }
}
