package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.bench.model.ModelChoice;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.BenchReport;
import io.vigil.inference.runtime.ExecutionProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench, end to end, on a small fleet: an embedded broker in a temporary directory, the
 * linear model, a backlog of a few thousand frames and a short latency phase. Asserts the report's
 * structure and that every phase measured something, never how fast: speed depends on the machine.
 */
class BenchSmokeIT {

  @Test
  void everyPhaseMeasuresAPositiveRateAndTheReportSaysSo(@TempDir Path work) throws Exception {
    BenchOptions options =
        new BenchOptions(
            ModelChoice.LINEAR,
            null,
            4,
            8,
            32,
            4,
            2,
            2_000,
            1_000,
            Duration.ofSeconds(5),
            0.5,
            0,
            true,
            ExecutionProvider.CPU,
            List.of(32),
            Set.of(),
            work,
            work.resolve("report.json"),
            42,
            Map.of());
    StringWriter console = new StringWriter();
    BenchReport report =
        new BenchRunner(
                options,
                new Progress(new PrintWriter(console), false, System::nanoTime),
                Clock.systemUTC())
            .run();

    assertThat(report.summary().line())
        .matches(
            "bench e2e_fps=\\d+ passthrough_fps=\\d+ inference_fps=\\d+ ratio=\\d+\\.\\d{3}"
                + " p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d");
    JsonNode json = BenchReport.mapper().readTree(Files.readString(work.resolve("report.json")));
    assertThat(json.at("/settings/devices").asInt()).isEqualTo(4);
    assertThat(json.at("/settings/channels").asInt()).isEqualTo(8);
    assertThat(json.at("/model/features")).hasSize(8);
    assertThat(json.at("/app_config/vigil.processing.guarantee").asText())
        .isEqualTo("exactly_once_v2");

    assertThat(json.at("/passthrough/frames").asLong()).isEqualTo(2_000);
    assertThat(json.at("/passthrough/fps").asDouble()).isPositive();

    assertThat(json.at("/inference")).hasSize(1);
    assertThat(json.at("/inference/0/batch_size").asInt()).isEqualTo(32);
    assertThat(json.at("/inference/0/fps").asDouble()).isPositive();

    assertThat(json.at("/end_to_end")).hasSize(1);
    JsonNode e2e = json.at("/end_to_end/0");
    // 500 frames per device, 5 held back by the 5 s grace: (495 - 32) / 4 + 1 windows each.
    assertThat(e2e.at("/windows_expected").asLong()).isEqualTo(4 * 116);
    assertThat(e2e.at("/windows_received").asLong()).isEqualTo(4 * 116);
    assertThat(e2e.at("/fps").asDouble()).isPositive();

    JsonNode latency = json.at("/latency");
    assertThat(latency.at("/frames_sent").asLong()).isPositive();
    assertThat(latency.at("/scores/count").asInt()).isPositive();
    assertThat(latency.at("/scores/p50").asDouble()).isPositive();
    assertThat(latency.at("/scores/p99").asDouble())
        .isGreaterThanOrEqualTo(latency.at("/scores/p50").asDouble());

    JsonNode summary = json.at("/summary");
    for (String figure : List.of("e2e_fps", "passthrough_fps", "inference_fps", "ratio")) {
      assertThat(summary.get(figure).asDouble()).as(figure).isPositive();
    }
    assertThat(json.at("/phase_seconds").has("e2e b=32")).isTrue();
    // The warm-up ran its own backlog through both applications first, and is not measured.
    assertThat(json.at("/settings/warmup_frames").asLong()).isEqualTo(1_000);
    assertThat(json.at("/phase_seconds").has("warm-up")).isTrue();
    assertThat(console.toString())
        .contains("[warmup-passthrough]", "[warm-up e2e]")
        .contains("[passthrough]", "[e2e b=32]", "[latency]");
    // The broker's data and the applications' state do not outlive the run.
    assertThat(work.resolve("broker")).doesNotExist();
    assertThat(work.resolve("state")).doesNotExist();
  }
}
