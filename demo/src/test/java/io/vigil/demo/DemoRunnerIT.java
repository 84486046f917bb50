package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on its own embedded broker: it publishes, dead-letters the bad records, and a restart
 * continues.
 */
class DemoRunnerIT {

  @Test
  void publishesDeadLettersBadRecordsAndContinuesAfterARestart(@TempDir Path workDir)
      throws Exception {
    DemoOptions options =
        new DemoOptions(
            Duration.ofSeconds(6),
            7,
            2,
            workDir,
            20,
            2,
            40,
            TestModels.small(workDir),
            Duration.ofSeconds(32),
            0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);

    DemoSummary first = new DemoRunner(options, console).run(new CountDownLatch(1));

    assertThat(first.frames()).isPositive();
    assertThat(first.badRecords()).isPositive();
    assertThat(first.deadLetters()).isEqualTo(first.badRecords());
    assertThat(first.line()).startsWith("demo summary: frames=" + first.frames() + " ");
    long stepsAfterFirst = steps(workDir);
    assertThat(stepsAfterFirst * options.devices()).isEqualTo(first.frames());

    DemoSummary second = new DemoRunner(options, console).run(new CountDownLatch(1));

    assertThat(second.frames()).isPositive();
    // Only this run's dead letters are counted, and none are LATE: the timeline went on.
    assertThat(second.deadLetters()).isEqualTo(second.badRecords());
    assertThat(steps(workDir)).isGreaterThan(stepsAfterFirst);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dead letter  MALFORMED");
  }

  private static long steps(Path workDir) throws Exception {
    String text = Files.readString(workDir.resolve("demo.properties"));
    return Long.parseLong(text.replaceAll("(?s).*simulator.steps=(\\d+).*", "$1"));
  }
}
