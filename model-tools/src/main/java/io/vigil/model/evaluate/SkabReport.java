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

  /**
   * Formats a cross-folder selection: per fold the winner with its settings, its figures on the
   * selection files, on the held-out files and on all files, then each threshold method's winner
   * the same way; last, the held-out figures pooled over the folds, ending with one line {@code
   * skab held-out F1=... FAR=...% MAR=...%}.
   *
   * @param folds the folds run
   * @param label what was evaluated, e.g. {@code dense}
   * @return the lines
   */
  public static List<String> folds(List<SkabFolds.Fold> folds, String label) {
    return folds(folds, label, false);
  }

  /**
   * The fold report, optionally with every candidate's figures on each fold's selection files (the
   * whole table the choice was made from), before the chosen ones.
   *
   * @param folds the folds run
   * @param label what was evaluated, e.g. {@code dense}
   * @param everyCandidate whether to list every candidate's selection figures
   * @return the lines
   */
  public static List<String> folds(
      List<SkabFolds.Fold> folds, String label, boolean everyCandidate) {
    List<String> lines = new ArrayList<>();
    for (SkabFolds.Fold fold : folds) {
      if (everyCandidate) {
        lines.add(
            "every candidate on the selection files ("
                + String.join("+", fold.selectOn())
                + "), F1 / FAR / MAR:");
        for (SkabSelection.Scored scored : fold.selection().scored()) {
          lines.add(
              String.format(
                  Locale.ROOT, "  %-24s %s", scored.candidate().name(), brief(scored.result())));
        }
      }
      SkabSelection.Scored best = fold.selection().best();
      lines.add(
          String.format(
              Locale.ROOT,
              "fold: choose on %s (%d files), report on the other %d files",
              String.join("+", fold.selectOn()),
              fold.selectionFiles().size(),
              fold.heldOutFiles().size()));
      lines.add("  chosen: " + best.candidate().name() + " (" + best.candidate().settings() + ")");
      lines.add(
          String.format(
              Locale.ROOT,
              "  | %-10s | %-22s | %-28s | %-28s | %-28s |",
              "method",
              "chosen",
              "selection files",
              "held out",
              "all files (incl. selection)"));
      lines.add(
          "  |------------|------------------------|------------------------------|"
              + "------------------------------|------------------------------|");
      lines.add(foldRow("best", best, fold));
      fold.selection()
          .bestPerMethod()
          .forEach((method, chosen) -> lines.add(foldRow(method, chosen, fold)));
      lines.add("");
    }
    lines.add(
        folds.size() == 1
            ? "held out (the files the choice did not read):"
            : "held out, pooled over the folds (each held-out file scored with settings chosen"
                + " without its labels):");
    SkabFolds.pooledHeldOutPerMethod(folds)
        .forEach(
            (method, result) ->
                lines.add(
                    String.format(Locale.ROOT, "  %-10s %s", method, result.total().summary())));
    EvaluationResult pooled = SkabFolds.pooledHeldOut(folds);
    lines.add(
        String.format(
            Locale.ROOT,
            "  %-10s %s; episodes detected %d of %d, median delay %s",
            "best",
            pooled.total().summary(),
            pooled.detectedEpisodes(),
            pooled.delays().size(),
            seconds(pooled.medianDelaySeconds().orElse(Double.NaN))));
    lines.add("");
    lines.add("skab " + label + " held-out " + pooled.total().summary());
    return lines;
  }

  private static String foldRow(String method, SkabSelection.Scored chosen, SkabFolds.Fold fold) {
    return String.format(
        Locale.ROOT,
        "  | %-10s | %-22s | %-28s | %-28s | %-28s |",
        method,
        chosen.candidate().name(),
        brief(chosen.result()),
        brief(fold.heldOut(chosen)),
        brief(fold.allFiles(chosen)));
  }

  private static String brief(EvaluationResult result) {
    PointMetrics m = result.total();
    return String.format(
        Locale.ROOT,
        "%.3f / %5.2f%% / %5.2f%%",
        m.f1(),
        100 * m.falseAlarmRate(),
        100 * m.missedAlarmRate());
  }

  private static String row(String name, double f1, double far, double mar) {
    return String.format(Locale.ROOT, "| %-28s | %5.2f | %7.2f | %7.2f |", name, f1, far, mar);
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f s", value);
  }
}
