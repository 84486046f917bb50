package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine;

/** Runs {@code vigil} in-process and keeps what it printed, for the command tests. */
abstract class CliTest {
  /** Everything printed to standard output so far. */
  protected final StringWriter out = new StringWriter();

  /** Everything printed to standard error so far. */
  protected final StringWriter err = new StringWriter();

  /**
   * Runs the command line.
   *
   * @param args the arguments after {@code vigil}
   * @return the exit code
   */
  protected int vigil(String... args) {
    CommandLine cl = Vigil.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  /**
   * Runs a command that must fail at start: exit status 1 within {@code within}, one line on its
   * error output, and no warning or error logged beside it (Kafka's clients retrying, stack
   * traces).
   *
   * @param within the longest the command may take
   * @param args the arguments after {@code vigil}
   * @return what was logged meanwhile (the console's standard error)
   */
  protected String failsAtStart(Duration within, String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    long started = System.nanoTime();
    int code;
    try {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      code = vigil(args);
    } finally {
      System.setErr(before);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString().lines().toList()).as(err.toString()).hasSize(1);
    assertThat(took).as(err.toString()).isLessThan(within);
    assertThat(log.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")))
        .as(log)
        .isEmpty();
    return log;
  }
}
