package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil simulate} output through {@code vigil backtest}, as the README shows it, with the
 * optional denoised and embeddings files.
 */
class BacktestCommandTest extends CliTest {
  @TempDir Path dir;

  @Test
  void aSimulatedFleetIsBacktestedAgainstItsOwnLabels() throws Exception {
    Path sim = dir.resolve("sim.csv");
    assertThat(
            vigil(
                "simulate",
                "--devices",
                "3",
                "--duration",
                "30m",
                "--seed",
                "5",
                "--out",
                sim.toString()))
        .isZero();
    Path result = dir.resolve("result");
    int code =
        vigil(
            "backtest",
            "--data",
            sim.toString(),
            "--out",
            result.toString(),
            "--epochs",
            "3",
            "--grid-policy",
            "ewma-k5 k=5",
            "--denoised",
            "--embeddings");
    assertThat(code).as(err.toString()).isZero();

    List<String> lines = out.toString().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertThat(last)
        .startsWith("backtest frames=5400 ")
        .contains("windows=", "skipped=0", "restarts=0", "episodes=")
        .contains("precision=", "recall=", "F1=", "FAR=", "MAR=", "delay_median_s=");
    // The device table: device, rows, the inferred step, training rows.
    assertThat(lines).anyMatch(l -> l.matches("device-000 +1800 +1000 ms\\* +540 .*"));
    assertThat(out.toString()).contains("policy grid", "ewma-k5");
    for (String file : List.of("windows.csv", "events.jsonl", "dead-letters.csv", "rows.csv")) {
      assertThat(result.resolve(file)).exists();
    }
    assertThat(Files.readAllLines(result.resolve("rows.csv"))).hasSize(1 + 5400);
    // The default model's code has 8 values; every frame a scored window held is denoised.
    List<String> codes = Files.readAllLines(result.resolve("embeddings.csv"));
    assertThat(codes.get(0)).startsWith("device,window_start,window_end,z0,").endsWith(",z7");
    assertThat(codes).hasSize(Files.readAllLines(result.resolve("windows.csv")).size());
    assertThat(Files.readAllLines(result.resolve("denoised.csv")).get(0))
        .startsWith("device,time,")
        .endsWith(",windows");
  }

  @Test
  void badInputSaysWhatWasExpectedBeforeAnyWork() {
    String missing = dir.resolve("missing.csv").toString();
    assertThat(vigil("backtest", "--data", missing, "--out", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("missing.csv does not exist");
    assertThat(vigil("backtest", "--data", missing, "--out", dir.toString(), "--open", "three"))
        .isNotZero();
    assertThat(err.toString()).contains("open=three is invalid, expected m/n");
    assertThat(
            vigil("backtest", "--data", missing, "--out", dir.toString(), "--threshold", "magic"))
        .isNotZero();
    assertThat(err.toString()).contains("magic");
  }
}
