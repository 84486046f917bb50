package io.vigil.model.evaluate;

/**
 * An anomaly episode as the detector reported it.
 *
 * @param startTime the episode's start (end time of its first exceeding window)
 * @param endTime the end time of its last exceeding window (for an episode still open when the data
 *     ended, of the last exceeding window seen)
 * @param alarmTime when the OPEN event was raised: the end time of the window that opened it
 */
public record ReportedEpisode(long startTime, long endTime, long alarmTime) {}
