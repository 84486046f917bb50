package io.vigil.core.engine;

/** Why the engine could not score or judge a window; each maps to a dead-letter reason. */
public enum WindowFailure {
  /** The model threw on the window alone. */
  SCORING_FAILED,
  /** The model returned NaN or an infinite score (it overflowed on the window's values). */
  NON_FINITE_SCORE,
  /** The detector threw (corrupt state, an invalid score). */
  DETECTION_FAILED,
  /** The window's frames were overwritten before it was scored; a bug guard, never expected. */
  FRAMES_LOST
}
