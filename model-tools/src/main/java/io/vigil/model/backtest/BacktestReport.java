package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.engine.EngineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a backtest found, for the console: a table per device, the totals, with a grid a table
 * comparing the policies, and last the line {@code backtest} followed by {@code key=value} figures
 * of the first policy.
 *
 * @param model the model's id, version and where it came from
 * @param devices one line of figures per device (first policy)
 * @param counts the engine's counts over every device (first policy)
 * @param results one per policy, the first the one the files were written for
 * @param seconds the run's wall-clock time, training included
 * @param detectSeconds the wall-clock time of the pass through the engine (scoring and detection,
 *     files written as it goes), training and reading the data excluded
 */
public record BacktestReport(
    String model,
    List<DeviceLine> devices,
    EngineCounts counts,
    List<PolicyResult> results,
    double seconds,
    double detectSeconds) {

  /**
   * One device's figures under the first policy.
   *
   * @param device the device
   * @param rows its rows
   * @param stepMillis the sampling step used (given or inferred)
   * @param inferred whether the step was inferred (the median interval)
   * @param trainRows leading rows that trained the model
   * @param episodes episodes raised
   * @param labelledAnomalies labelled anomalies in its test rows
   * @param detected of those, how many an episode alarmed on
   */
  public record DeviceLine(
      String device,
      int rows,
      long stepMillis,
      boolean inferred,
      int trainRows,
      int episodes,
      int labelledAnomalies,
      int detected) {}

  /** Copies the lists; there is at least one policy. */
  public BacktestReport {
    devices = List.copyOf(devices);
    results = List.copyOf(results);
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a backtest report needs at least one policy's result");
    }
  }

  /**
   * Returns the first policy's result: the one the files hold.
   *
   * @return the result
   */
  public PolicyResult main() {
    return results.get(0);
  }

  /**
   * Returns the first policy's episodes.
   *
   * @return the episodes
   */
  public List<Episode> episodes() {
    return main().episodes();
  }

  /**
   * Returns the lines to print: the device table, the totals, the grid, and last the {@code
   * backtest} line.
   *
   * @return the lines
   */
  public List<String> lines() {
    PolicyResult main = main();
    boolean labelled = main.labelled() != null;
    List<String> out = new ArrayList<>();
    out.add("model: " + model);
    out.add("policy: " + main.describe());
    out.add(
        String.format(
            Locale.ROOT,
            "%-24s %9s %10s %9s %8s %10s",
            "device",
            "rows",
            "step",
            "train",
            "episodes",
            "detected"));
    int shown = 0;
    for (DeviceLine d : devices) {
      if (shown++ == 50) {
        out.add("... and " + (devices.size() - 50) + " more devices");
        break;
      }
      out.add(
          String.format(
              Locale.ROOT,
              "%-24s %9d %10s %9d %8d %10s",
              d.device().length() > 24 ? d.device().substring(0, 21) + "..." : d.device(),
              d.rows(),
              d.stepMillis() + " ms" + (d.inferred() ? "*" : ""),
              d.trainRows(),
              d.episodes(),
              labelled ? d.detected() + "/" + d.labelledAnomalies() : "-"));
    }
    out.add("(* step inferred: the median interval between a device's rows)");
    out.add(
        String.format(
            Locale.ROOT,
            "frames %d, windows %d scored, %d skipped (gaps), %d failed; %d window restarts after"
                + " pauses; %d frames merged (same time, still buffered), %d duplicates and %d late"
                + " refused, %d refused values",
            counts.frames(),
            counts.windowsScored(),
            counts.windowsSkipped(),
            counts.windowsFailed(),
            counts.restarts(),
            counts.merged(),
            counts.duplicates(),
            counts.late(),
            counts.refusedFrames()));
    out.add(
        String.format(
            Locale.ROOT,
            "episodes %d (%d in the test part, %.2f per device-day there); events: %d OPEN, %d"
                + " UPDATE, %d CLOSE",
            main.episodes().size(),
            main.testEpisodes(),
            main.episodesPerDay(),
            counts.events(EpisodeEventKind.OPEN),
            counts.events(EpisodeEventKind.UPDATE),
            counts.events(EpisodeEventKind.CLOSE)));
    if (results.size() > 1) {
      out.add("");
      out.add("policy grid (same scores, test part):");
      out.add(
          String.format(
              Locale.ROOT,
              "%-20s %10s %10s %9s %9s %7s %8s",
              "policy",
              "events/day",
              "episodes",
              "detected",
              "false",
              "F1",
              "FAR"));
      for (PolicyResult r : results) {
        out.add(
            String.format(
                Locale.ROOT,
                "%-20s %10.2f %10d %9s %9s %7s %8s",
                r.name().length() > 20 ? r.name().substring(0, 17) + "..." : r.name(),
                r.eventsPerDay(),
                r.testEpisodes(),
                labelled ? r.detected() + "/" + r.delays().size() : "-",
                labelled ? Long.toString(r.falseEpisodes()) : "-",
                labelled ? String.format(Locale.ROOT, "%.3f", r.labelled().f1()) : "-",
                labelled
                    ? String.format(Locale.ROOT, "%.2f%%", 100 * r.labelled().falseAlarmRate())
                    : "-"));
      }
      for (PolicyResult r : results) {
        out.add("  " + r.describe());
      }
    }
    out.add(backtestLine());
    return out;
  }

  /**
   * Returns the last line: {@code backtest frames=… windows=… skipped=… restarts=… episodes=…
   * frames_per_s=…} (the engine pass) and, with labels, {@code precision= recall= F1= FAR= MAR=
   * delay_median_s=}, for the first policy.
   *
   * @return the line
   */
  public String backtestLine() {
    PolicyResult main = main();
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "backtest frames=%d windows=%d skipped=%d restarts=%d duplicates=%d late=%d"
                    + " dead_letters=%d episodes=%d episodes_per_day=%.3f frames_per_s=%.0f",
                counts.frames(),
                counts.windowsScored(),
                counts.windowsSkipped(),
                counts.restarts(),
                counts.merged() + counts.duplicates(),
                counts.late(),
                counts.deadLetteredFrames() + counts.windowsFailed(),
                main.episodes().size(),
                main.episodesPerDay(),
                counts.frames() / Math.max(detectSeconds, 1e-9)));
    if (main.labelled() != null) {
      OptionalDouble delay = main.medianDelaySeconds();
      b.append(
          String.format(
              Locale.ROOT,
              " precision=%.3f recall=%.3f F1=%.3f FAR=%.2f%% MAR=%.2f%% detected=%d/%d"
                  + " false_episodes=%d delay_median_s=%s",
              main.labelled().precision(),
              main.labelled().recall(),
              main.labelled().f1(),
              100 * main.labelled().falseAlarmRate(),
              100 * main.labelled().missedAlarmRate(),
              main.detected(),
              main.delays().size(),
              main.falseEpisodes(),
              delay.isPresent() ? String.format(Locale.ROOT, "%.1f", delay.getAsDouble()) : "-"));
    }
    return b.toString();
  }
}
