package io.vigil.model.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * A maximal run of rows labelled anomalous.
 *
 * @param firstRow the first anomalous row
 * @param lastRow the last anomalous row, included
 */
public record LabelledEpisode(int firstRow, int lastRow) {

  /**
   * Finds the labelled episodes among rows {@code [from, to)}.
   *
   * @param labels the row labels
   * @param from the first row considered
   * @param to one past the last
   * @return the runs, in order
   */
  public static List<LabelledEpisode> find(boolean[] labels, int from, int to) {
    List<LabelledEpisode> episodes = new ArrayList<>();
    int start = -1;
    for (int i = from; i < to; i++) {
      if (labels[i] && start < 0) {
        start = i;
      } else if (!labels[i] && start >= 0) {
        episodes.add(new LabelledEpisode(start, i - 1));
        start = -1;
      }
    }
    if (start >= 0) {
      episodes.add(new LabelledEpisode(start, to - 1));
    }
    return episodes;
  }
}
