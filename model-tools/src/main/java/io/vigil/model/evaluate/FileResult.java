package io.vigil.model.evaluate;

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
}
