package io.vigil.model.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints an evaluation beside SKAB's leaderboard, ending with exactly one line of the form {@code
 * skab F1=0.812 FAR=11.20% MAR=24.05%}, which scripts may grep for.
 */
public final class SkabReport {
  private SkabReport() {}

  /**
   * Formats the report.
   *
   * @param result the evaluation
   * @param label what was evaluated, e.g. {@code Vigil dense AE + static}
   * @return the lines, the summary line last
   */
  public static List<String> lines(EvaluationResult result, String label) {
    PointMetrics total = result.total();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%d files, %d test rows (%d anomalous); training %.1f s in all",
            result.files().size(),
            total.rows(),
            total.truePositives() + total.falseNegatives(),
            result.trainingSeconds()));
    lines.add(
        String.format(
            Locale.ROOT,
            "labelled episodes detected: %d of %d; delay mean %s, median %s",
            result.detectedEpisodes(),
            result.delays().size(),
            seconds(result.meanDelaySeconds().orElse(Double.NaN)),
            seconds(result.medianDelaySeconds().orElse(Double.NaN))));
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT, "| %-28s | %5s | %7s | %7s |", "Algorithm", "F1", "FAR %", "MAR %"));
    lines.add("|------------------------------|-------|---------|---------|");
    boolean placed = false;
    for (Leaderboard.Entry entry : Leaderboard.SKAB) {
      if (!placed && total.f1() >= entry.f1()) {
        lines.add(
            row(
                "> " + label,
                total.f1(),
                100 * total.falseAlarmRate(),
                100 * total.missedAlarmRate()));
        placed = true;
      }
      lines.add(row(entry.algorithm(), entry.f1(), entry.farPercent(), entry.marPercent()));
    }
    if (!placed) {
      lines.add(
          row(
              "> " + label,
              total.f1(),
              100 * total.falseAlarmRate(),
              100 * total.missedAlarmRate()));
    }
    lines.add("");
    lines.add("skab " + total.summary());
    return lines;
  }

  private static String row(String name, double f1, double far, double mar) {
    return String.format(Locale.ROOT, "| %-28s | %5.2f | %7.2f | %7.2f |", name, f1, far, mar);
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f s", value);
  }
}
