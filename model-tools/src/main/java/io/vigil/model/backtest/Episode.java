package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeEventKind;
import java.util.List;
import java.util.OptionalLong;

/**
 * One anomaly episode a backtest raised, with every event the stream would have published for it.
 *
 * @param deviceId the device
 * @param events OPEN first, then UPDATEs, then CLOSE unless the data ended with the episode open
 * @param lastExceededEnd end time of the episode's last exceeding window (for an open episode, the
 *     end of its span so far)
 */
public record Episode(String deviceId, List<EpisodeEvent> events, long lastExceededEnd) {

  /** Copies the events; the first must be an OPEN. */
  public Episode {
    events = List.copyOf(events);
    if (events.isEmpty() || events.get(0).kind() != EpisodeEventKind.OPEN) {
      throw new IllegalArgumentException("an episode starts with an OPEN event: " + events);
    }
  }

  /**
   * Returns the episode id.
   *
   * @return the id shared by its events
   */
  public String episodeId() {
    return events.get(0).episodeId();
  }

  /**
   * Returns the start of the episode's first exceeding window.
   *
   * @return epoch milliseconds
   */
  public long startTime() {
    return events.get(0).startTime();
  }

  /**
   * Returns when the OPEN was raised: the end of the window that opened it.
   *
   * @return epoch milliseconds
   */
  public long alarmTime() {
    return events.get(0).eventTime();
  }

  /**
   * Returns the end of the episode: its CLOSE's end time, or for an open one its last exceeding
   * window's end.
   *
   * @return epoch milliseconds
   */
  public long endTime() {
    OptionalLong closed = closeEvent() == null ? OptionalLong.empty() : closeEvent().endTime();
    return closed.isPresent() ? closed.getAsLong() : lastExceededEnd;
  }

  /**
   * Whether the data ended with the episode still open.
   *
   * @return true when there is no CLOSE
   */
  public boolean isOpen() {
    return closeEvent() == null;
  }

  /**
   * Returns the highest window score of the episode, from its last event.
   *
   * @return the peak score
   */
  public double peakScore() {
    return events.get(events.size() - 1).peakScore();
  }

  private EpisodeEvent closeEvent() {
    EpisodeEvent last = events.get(events.size() - 1);
    return last.kind() == EpisodeEventKind.CLOSE ? last : null;
  }
}
