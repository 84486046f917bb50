package io.vigil.core.alert;

/** The step of an episode an event reports. */
public enum EpisodeEventKind {
  /** The episode began; sent once. */
  OPEN,
  /** The episode goes on; rate-limited in event time. */
  UPDATE,
  /** The episode ended; sent once. */
  CLOSE
}
