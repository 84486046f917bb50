package io.vigil.core.alert;

import io.vigil.core.scoring.ChannelShare;
import io.vigil.core.scoring.Severity;
import java.util.List;
import java.util.OptionalLong;

/**
 * One step of an anomaly episode on one device, the plain form of the {@code AnomalyEvent} record
 * (the stream app adds the model and policy references).
 *
 * @param kind OPEN, UPDATE or CLOSE
 * @param episodeId {@code deviceId + "@" + startTime}, stable for the whole episode
 * @param deviceId the device
 * @param startTime end time of the first exceeding window among those that opened the episode
 * @param endTime on CLOSE, end time of the last exceeding window; empty otherwise
 * @param eventTime end time of the window that caused this event
 * @param peakScore highest score of any window since {@code startTime}
 * @param latestScore score of the window that caused this event
 * @param threshold threshold in force for that window
 * @param severity band of the peak ratio (highest score / threshold since {@code startTime})
 * @param topChannels channels by share of the scores accumulated over the episode's exceeding
 *     windows, largest first
 */
public record EpisodeEvent(
    EpisodeEventKind kind,
    String episodeId,
    String deviceId,
    long startTime,
    OptionalLong endTime,
    long eventTime,
    double peakScore,
    double latestScore,
    double threshold,
    Severity severity,
    List<ChannelShare> topChannels) {

  /** Copies the channel list so the event is immutable. */
  public EpisodeEvent {
    topChannels = List.copyOf(topChannels);
  }

  /**
   * Builds the episode id the way every component must: device id, "@", start time in epoch millis.
   *
   * @param deviceId the device
   * @param startTime the episode's start time
   * @return the id
   */
  public static String episodeId(String deviceId, long startTime) {
    return deviceId + "@" + startTime;
  }
}
