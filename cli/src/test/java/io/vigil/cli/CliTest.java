package io.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
