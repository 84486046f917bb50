package io.vigil.bench.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows the bench's progress. On a terminal the current phase's line is redrawn in place at most
 * five times a second; otherwise (a pipe, a log, a test) one plain line is written every {@value
 * #PLAIN_EVERY_SECONDS} seconds, and always one when a phase ends, so a log gets a short record
 * without carriage returns. Single-threaded: the phase's driving thread reports.
 */
public final class Progress {
  /** Seconds between plain lines. */
  static final int PLAIN_EVERY_SECONDS = 5;

  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoTime;
  private String phase;
  private String unit;
  private long total;
  private long startNanos;
  private long lastDrawNanos;
  private boolean lineOpen;

  /**
   * Creates a progress display.
   *
   * @param out where to write
   * @param terminal whether {@code out} is a terminal, where lines can be redrawn with {@code \r}
   * @param nanoTime the time source (for tests)
   */
  public Progress(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.nanoTime = nanoTime;
  }

  /**
   * A display on {@code out}, on the system clock.
   *
   * @param out where to write
   * @param terminal whether it is a terminal
   * @return the display
   */
  public static Progress on(PrintWriter out, boolean terminal) {
    return new Progress(out, terminal, System::nanoTime);
  }

  /** A display that shows nothing. */
  public static Progress silent() {
    return new Progress(new PrintWriter(PrintWriter.nullWriter()), false, System::nanoTime);
  }

  /**
   * Starts a phase.
   *
   * @param name what runs, e.g. {@code e2e b=64}
   * @param expected units expected; 0 when unknown
   * @param what the unit counted, e.g. {@code frames}
   */
  public void start(String name, long expected, String what) {
    closeLine();
    this.phase = name;
    this.unit = what;
    this.total = expected;
    this.startNanos = nanoTime.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /**
   * Reports units done so far in the current phase; draws when it is time to.
   *
   * @param done units done
   */
  public void update(long done) {
    long now = nanoTime.getAsLong();
    long every = terminal ? REDRAW_NANOS : PLAIN_EVERY_SECONDS * 1_000_000_000L;
    if (now - lastDrawNanos < every) {
      return;
    }
    lastDrawNanos = now;
    String line = ProgressLine.format(phase, done, total, unit, now - startNanos);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      lineOpen = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  /**
   * Ends the current phase with its outcome on one line.
   *
   * @param outcome e.g. {@code 200,000 frames in 12.3 s: 16,260 frames/s}
   */
  public void finish(String outcome) {
    double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
    String line = String.format(Locale.ROOT, "[%s] %s (%.1f s)", phase, outcome, seconds);
    out.print((terminal && lineOpen ? "\r\u001b[K" : "") + line + System.lineSeparator());
    lineOpen = false;
    out.flush();
  }

  /**
   * Writes a note on its own line, e.g. a setting the run chose.
   *
   * @param message the note
   */
  public void note(String message) {
    closeLine();
    out.println(message);
    out.flush();
  }

  private void closeLine() {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
  }
}
