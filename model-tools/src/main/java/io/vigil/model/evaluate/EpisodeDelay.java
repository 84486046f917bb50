package io.vigil.model.evaluate;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How long after a labelled episode began the detector raised the alarm for it: the event time of
 * the first OPEN (or the first alarm of an episode already open) that falls inside the labelled
 * rows, minus the time of the first labelled row. Empty when the episode was missed.
 *
 * @param episode the labelled rows
 * @param delayMillis alarm time minus episode start; empty when no alarm fell inside it
 */
public record EpisodeDelay(LabelledEpisode episode, OptionalLong delayMillis) {

  /**
   * Measures the delays of labelled episodes.
   *
   * @param episodes the labelled episodes
   * @param times row times
   * @param flagged rows inside a reported episode, set from the row at which the alarm was raised
   *     (see {@link ReplayResult#alarmed()})
   * @return one delay per labelled episode
   */
  public static List<EpisodeDelay> of(
      List<LabelledEpisode> episodes, long[] times, boolean[] flagged) {
    return episodes.stream()
        .map(
            episode -> {
              for (int i = episode.firstRow(); i <= episode.lastRow(); i++) {
                if (flagged[i]) {
                  return new EpisodeDelay(
                      episode, OptionalLong.of(times[i] - times[episode.firstRow()]));
                }
              }
              return new EpisodeDelay(episode, OptionalLong.empty());
            })
        .toList();
  }

  /**
   * Returns the median delay of the detected episodes among {@code delays}.
   *
   * @param delays one per labelled episode
   * @return seconds, or empty when none was detected
   */
  public static OptionalDouble medianSeconds(List<EpisodeDelay> delays) {
    double[] sorted =
        delays.stream()
            .filter(EpisodeDelay::detected)
            .mapToDouble(d -> d.delayMillis().getAsLong() / 1000.0)
            .sorted()
            .toArray();
    if (sorted.length == 0) {
      return OptionalDouble.empty();
    }
    int mid = sorted.length / 2;
    return OptionalDouble.of(
        sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
  }

  /** Returns whether the episode was detected. */
  public boolean detected() {
    return delayMillis.isPresent();
  }
}
