package io.vigil.model.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation of one labelled file.
 *
 * @param name the file, relative to the data set root
 * @param testRows rows scored against their labels
 * @param metrics point-wise counts over the test rows
 * @param delays detection delay of each labelled episode in the test rows
 * @param suggestedThreshold the threshold the file's model suggested
 * @param epochs epochs the file's model trained for
 * @param trainingSeconds how long training took
 */
public record FileResult(
    String name,
    int testRows,
    PointMetrics metrics,
    List<EpisodeDelay> delays,
    double suggestedThreshold,
    int epochs,
    double trainingSeconds) {

  /** Copies the delays. */
  public FileResult {
    delays = List.copyOf(delays);
  }

  /**
   * Pools runs of one file (models trained from different seeds): the counts and the test rows add
   * up, so the file weighs once per run in a pooled figure; the delays are every run's; the
   * suggested threshold and the epochs are the runs' means, the training time their sum.
   *
   * @param runs the runs, at least one, all of the same file
   * @return the pooled result, or the only run itself
   */
  public static FileResult pool(List<FileResult> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    String name = runs.get(0).name();
    int testRows = 0;
    PointMetrics metrics = PointMetrics.EMPTY;
    List<EpisodeDelay> delays = new ArrayList<>();
    double threshold = 0;
    double epochs = 0;
    double seconds = 0;
    for (FileResult run : runs) {
      if (!run.name().equals(name)) {
        throw new IllegalArgumentException(
            "cannot pool runs of " + name + " and " + run.name() + ": they are other files");
      }
      testRows += run.testRows();
      metrics = metrics.plus(run.metrics());
      delays.addAll(run.delays());
      threshold += run.suggestedThreshold() / runs.size();
      epochs += (double) run.epochs() / runs.size();
      seconds += run.trainingSeconds();
    }
    return new FileResult(
        name, testRows, metrics, delays, threshold, (int) Math.round(epochs), seconds);
  }
}
