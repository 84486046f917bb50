package io.vigil.model.backtest;

import io.vigil.model.data.Series;
import java.util.Arrays;
import java.util.List;

/**
 * Which rows of a device lie inside its reported episodes: the point-wise prediction that labelled
 * metrics compare with the labels.
 *
 * @param flagged per row: inside an episode, from its start to its end
 * @param alarmed per row: inside an episode and at or after its alarm (what an operator knew then)
 */
public record EpisodeRows(boolean[] flagged, boolean[] alarmed) {

  /**
   * Marks the rows of one device.
   *
   * @param series the device's rows, in time order
   * @param episodes the device's episodes (others are ignored)
   * @return the marks
   */
  public static EpisodeRows of(Series series, List<Episode> episodes) {
    long[] times = series.times();
    boolean[] flagged = new boolean[times.length];
    boolean[] alarmed = new boolean[times.length];
    for (Episode episode : episodes) {
      if (!episode.deviceId().equals(series.name())) {
        continue;
      }
      for (int i = firstAtOrAfter(times, episode.startTime());
          i < times.length && times[i] <= episode.endTime();
          i++) {
        flagged[i] = true;
        alarmed[i] |= times[i] >= episode.alarmTime();
      }
    }
    return new EpisodeRows(flagged, alarmed);
  }

  private static int firstAtOrAfter(long[] times, long t) {
    int i = Arrays.binarySearch(times, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && times[i - 1] == t) {
      i--;
    }
    return i;
  }
}
