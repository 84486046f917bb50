package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil simulate --start}: where the fleet's event times begin. */
class SimulateStartTest extends CliTest {
  @TempDir Path dir;

  @Test
  void theFirstStepIsAtTheGivenStart() throws Exception {
    Path csv = dir.resolve("fleet.csv");
    int code =
        vigil(
            "simulate",
            "--devices",
            "2",
            "--duration",
            "10s",
            "--seed",
            "3",
            "--start",
            "2026-03-01T12:00:00Z",
            "--out",
            csv.toString());
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(1)).contains("2026-03-01T12:00:00Z");
    assertThat(lines.get(lines.size() - 1)).contains("2026-03-01T12:00:09Z");
  }

  @Test
  void anInvalidStartIsRefusedWithWhatIsAllowed() {
    int code =
        vigil(
            "simulate",
            "--devices",
            "1",
            "--duration",
            "10s",
            "--seed",
            "3",
            "--start",
            "yesterday",
            "--out",
            dir.resolve("x.csv").toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--start yesterday", "'now'", "ISO-8601");
  }
}
