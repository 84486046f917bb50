package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VigilCommandLineTest extends CliTest {
  @Test
  void helpListsEverySubcommand() {
    assertThat(vigil("--help")).isZero();
    assertThat(out.toString()).contains("demo", "run", "broker", "simulate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "run", "broker", "simulate"})
  void everySubcommandHasHelp(String command) {
    assertThat(vigil(command, "--help")).isZero();
    assertThat(out.toString()).contains("Usage: vigil " + command);
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertThat(vigil()).isEqualTo(2);
    assertThat(err.toString()).contains("a subcommand is required");
  }

  @Test
  void anUnknownSubcommandIsAUsageError() {
    assertThat(vigil("launch")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'launch'");
  }

  @Test
  void aMalformedDurationIsAUsageErrorSayingWhatIsExpected() {
    assertThat(vigil("demo", "--duration", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration; expected e.g. 45s");
  }

  @Test
  void anOutOfRangeOptionIsAUsageErrorNamingIt() {
    assertThat(vigil("demo", "--devices", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--devices 0 is invalid; expected 1..10000");
  }

  @Test
  void simulateNeedsExactlyOneTarget() {
    assertThat(vigil("simulate", "--devices", "1", "--duration", "1m", "--seed", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required argument");
  }

  @Test
  void simulateWritesTheSameCsvForTheSameSeed(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    assertThat(
            vigil(
                "simulate",
                "--devices",
                "2",
                "--duration",
                "2h",
                "--seed",
                "5",
                "--out",
                a.toString()))
        .isZero();
    assertThat(
            vigil(
                "simulate",
                "--devices",
                "2",
                "--duration",
                "2h",
                "--seed",
                "5",
                "--out",
                b.toString()))
        .isZero();
    assertThat(
            vigil(
                "simulate",
                "--devices",
                "2",
                "--duration",
                "2h",
                "--seed",
                "6",
                "--out",
                c.toString()))
        .isZero();
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    assertThat(Files.mismatch(a, c)).isNotEqualTo(-1L);
    // 2 devices x 7200 one-second steps, plus the header.
    assertThat(Files.readAllLines(a))
        .hasSize(14_401)
        .first()
        .asString()
        .endsWith(",anomaly,anomaly_kind");
    assertThat(Files.readString(a)).contains(",1,");
  }

  @Test
  void runRefusesAMissingConfigFile(@TempDir Path dir) {
    assertThat(vigil("run", "--config", dir.resolve("nope.properties").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.properties: no such file");
  }

  @Test
  void runRefusesAMisspelledKeyBeforeConnecting(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("vigil.properties");
    Files.writeString(config, "vigil.bootstrap.servers=localhost:1\nvigil.aplication.id=x\n");
    assertThat(vigil("run", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("vigil.aplication.id = 'x' is invalid");
  }
}
