/**
 * The alert state machine: turns a device's per-window exceedances into anomaly episodes.
 *
 * <p>An {@link io.vigil.core.alert.AlertRule} says when an episode opens (m of the last n windows
 * exceed), when it closes (q consecutive normal windows), how often it may report progress, and how
 * severity and top channels are reported. An {@link io.vigil.core.alert.EpisodeTracker} applies the
 * rule to one device in event time and emits {@link io.vigil.core.alert.EpisodeEvent}s: exactly one
 * OPEN and one CLOSE per episode, with rate-limited UPDATEs between.
 */
package io.vigil.core.alert;
