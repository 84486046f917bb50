package io.vigil.bench.progress;

import java.util.Locale;

/** Formats one progress line; pure, so the layout is unit-tested. */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * Formats {@code [phase] done/total unit rate unit/s ETA m:ss}, or without total and ETA when the
   * total is unknown (0).
   *
   * @param phase the phase's name
   * @param done units done
   * @param total units expected; 0 when unknown
   * @param unit what is counted, e.g. {@code frames}
   * @param elapsedNanos time since the phase began
   * @return the line
   */
  public static String format(String phase, long done, long total, String unit, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder line = new StringBuilder();
    line.append('[').append(phase).append("] ");
    line.append(String.format(Locale.ROOT, "%,d", done));
    if (total > 0) {
      line.append(String.format(Locale.ROOT, "/%,d", total));
      line.append(
          String.format(Locale.ROOT, " %s (%d%%)", unit, Math.min(100, done * 100 / total)));
    } else {
      line.append(' ').append(unit);
    }
    line.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit));
    line.append("  ").append(clock(seconds));
    if (total > 0) {
      line.append("  ETA ");
      line.append(
          rate > 0 && done < total ? clock((total - done) / rate) : done >= total ? "0:00" : "?");
    }
    return line.toString();
  }

  /**
   * Formats seconds as {@code m:ss} (or {@code h:mm:ss} from an hour).
   *
   * @param seconds >= 0
   * @return the clock form
   */
  public static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
