package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
  void versionNamesTheProjectVersionAndTheCommit() {
    assertThat(vigil("--version")).isZero();
    String first = out.toString().lines().findFirst().orElseThrow();
    assertThat(first)
        .startsWith("vigil " + VersionProvider.buildInfo().getProperty("version") + " (")
        .doesNotContain("development build")
        .doesNotContain("${");
    assertThat(VersionProvider.buildInfo().getProperty("version")).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void noHelpTextPrintsAPicocliWarning() {
    // picocli reports a help text it cannot format on System.err, not on the command's writer.
    PrintStream before = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> commands = new ArrayList<>();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      everyCommand(Vigil.commandLine(), commands);
    } finally {
      System.setErr(before);
    }
    assertThat(commands).contains("vigil evaluate skab", "vigil run", "vigil bench jmh");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli").isEmpty();
  }

  private static void everyCommand(CommandLine cl, List<String> names) {
    names.add(cl.getCommandSpec().qualifiedName());
    StringWriter text = new StringWriter();
    cl.usage(new PrintWriter(text));
    assertThat(text.toString()).as(cl.getCommandName()).contains("Usage:");
    cl.getSubcommands().values().stream().distinct().forEach(sub -> everyCommand(sub, names));
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
  void runRefusesABadValueNamingTheKeyTheValueAndWhatIsAllowed(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("vigil.properties");
    Files.writeString(config, "vigil.bootstrap.servers=localhost:1\nvigil.http.port=eighty\n");
    assertThat(vigil("run", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "vigil run: configuration vigil.http.port = 'eighty' is invalid; expected an integer");
  }

  @Test
  void runRefusesAMisspelledKeyBeforeConnecting(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("vigil.properties");
    Files.writeString(config, "vigil.bootstrap.servers=localhost:1\nvigil.aplication.id=x\n");
    assertThat(vigil("run", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "vigil run: configuration key vigil.aplication.id is unknown;"
                + " did you mean vigil.application.id?");
  }
}
