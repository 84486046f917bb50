package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.engine.EngineCounts;
import io.vigil.model.evaluate.EpisodeDelay;
import io.vigil.model.evaluate.PointMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a backtest found, for the console: a table per device, and the last line, {@code backtest}
 * followed by {@code key=value} figures.
 *
 * @param model the model's id, version and where it came from
 * @param policy the policy the run used
 * @param devices one line of figures per device
 * @param counts the engine's counts over every device
 * @param episodes every episode
 * @param labelled the point-wise metrics over the test rows of labelled devices; null without
 *     labels
 * @param delays one per labelled anomaly of the test rows; empty without labels
 * @param falseEpisodes episodes in the test part that overlap no labelled row (0 without labels)
 * @param testDays the span of the scored (test) rows, in days, summed over devices
 * @param testEpisodes episodes that start in the test part
 * @param seconds the run's wall-clock time, training included
 */
public record BacktestReport(
    String model,
    DetectionPolicy policy,
    List<DeviceLine> devices,
    EngineCounts counts,
    List<Episode> episodes,
    PointMetrics labelled,
    List<EpisodeDelay> delays,
    long falseEpisodes,
    double testDays,
    long testEpisodes,
    double seconds) {

  /**
   * One device's figures.
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

  /** Copies the lists. */
  public BacktestReport {
    devices = List.copyOf(devices);
    episodes = List.copyOf(episodes);
    delays = List.copyOf(delays);
  }

  /**
   * Returns the median detection delay of the detected labelled anomalies.
   *
   * @return seconds, or empty when none was detected
   */
  public OptionalDouble medianDelaySeconds() {
    double[] detected =
        delays.stream()
            .filter(EpisodeDelay::detected)
            .mapToDouble(d -> d.delayMillis().getAsLong() / 1000.0)
            .sorted()
            .toArray();
    if (detected.length == 0) {
      return OptionalDouble.empty();
    }
    int mid = detected.length / 2;
    return OptionalDouble.of(
        detected.length % 2 == 1 ? detected[mid] : (detected[mid - 1] + detected[mid]) / 2);
  }

  /**
   * Returns the lines to print: the device table, the totals, and last the {@code backtest} line.
   *
   * @return the lines
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("model: " + model);
    out.add(
        "policy: "
            + policy.policyId()
            + " v"
            + policy.version()
            + " "
            + policy.threshold().method()
            + " "
            + policy.threshold().parameters()
            + ", warm-up "
            + policy.threshold().warmupWindows()
            + " windows, open on "
            + policy.alertRule().openWhenExceeded()
            + " of "
            + policy.alertRule().ofLastWindows()
            + ", close after "
            + policy.alertRule().closeAfterNormal());
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
              labelled == null ? "-" : d.detected() + "/" + d.labelledAnomalies()));
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
            episodes.size(),
            testEpisodes,
            episodesPerDay(),
            counts.events(EpisodeEventKind.OPEN),
            counts.events(EpisodeEventKind.UPDATE),
            counts.events(EpisodeEventKind.CLOSE)));
    out.add(backtestLine());
    return out;
  }

  /**
   * Returns episodes per device-day of the test part.
   *
   * @return the rate, 0 when the test part is empty
   */
  public double episodesPerDay() {
    return testDays > 0 ? testEpisodes / testDays : 0;
  }

  /**
   * Returns the last line: {@code backtest frames=… windows=… skipped=… restarts=… episodes=…} and,
   * with labels, {@code precision= recall= F1= FAR= MAR= delay_median_s=}.
   *
   * @return the line
   */
  public String backtestLine() {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "backtest frames=%d windows=%d skipped=%d restarts=%d duplicates=%d late=%d"
                    + " dead_letters=%d episodes=%d episodes_per_day=%.3f",
                counts.frames(),
                counts.windowsScored(),
                counts.windowsSkipped(),
                counts.restarts(),
                counts.merged() + counts.duplicates(),
                counts.late(),
                counts.deadLetteredFrames() + counts.windowsFailed(),
                episodes.size(),
                episodesPerDay()));
    if (labelled != null) {
      OptionalDouble delay = medianDelaySeconds();
      b.append(
          String.format(
              Locale.ROOT,
              " precision=%.3f recall=%.3f F1=%.3f FAR=%.2f%% MAR=%.2f%% detected=%d/%d"
                  + " false_episodes=%d delay_median_s=%s",
              labelled.precision(),
              labelled.recall(),
              labelled.f1(),
              100 * labelled.falseAlarmRate(),
              100 * labelled.missedAlarmRate(),
              delays.stream().filter(EpisodeDelay::detected).count(),
              delays.size(),
              falseEpisodes,
              delay.isPresent() ? String.format(Locale.ROOT, "%.1f", delay.getAsDouble()) : "-"));
    }
    return b.toString();
  }
}
