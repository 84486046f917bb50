package io.vigil.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A chronological split of every series into training rows (the earlier part) and validation rows
 * (the later part). Splitting by rows rather than by windows keeps overlapping windows from putting
 * the same rows on both sides, and validating on the later rows measures what matters: how the
 * model scores data it has not seen, from after its training period.
 *
 * @param training the earlier rows of each series
 * @param validation the later rows of each series; empty when the fraction is 0
 */
public record TrainingSplit(List<Series> training, List<Series> validation) {

  /** Copies the lists. */
  public TrainingSplit {
    training = List.copyOf(training);
    validation = List.copyOf(validation);
  }

  /**
   * Returns how many of a series' first rows the network is fitted on; the rest are held out.
   *
   * @param rows the series' rows
   * @param validationFraction the share held out, in [0, 1)
   * @return the rows fitted on
   */
  public static int fittedRows(int rows, double validationFraction) {
    return rows - (int) Math.round(rows * validationFraction);
  }

  /**
   * Splits each series.
   *
   * @param series the rows
   * @param validationFraction the share of each series' rows held out, in [0, 1)
   * @return the split
   */
  public static TrainingSplit of(List<Series> series, double validationFraction) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validationFraction = " + validationFraction + ", expected a number in [0, 1)");
    }
    List<Series> training = new ArrayList<>();
    List<Series> validation = new ArrayList<>();
    for (Series s : series) {
      int fitted = fittedRows(s.rows(), validationFraction);
      training.add(s.slice(0, fitted));
      if (fitted < s.rows()) {
        validation.add(s.slice(fitted, s.rows()));
      }
    }
    return new TrainingSplit(training, validation);
  }
}
