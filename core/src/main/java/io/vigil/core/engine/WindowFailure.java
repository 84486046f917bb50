package io.vigil.core.engine;

/** Why the engine could not score or judge a window; each maps to a dead-letter reason. */
public enum WindowFailure {
  /** The model threw on the window alone. */
  SCORING_FAILED("SCORING_FAILED"),
  /** The model returned NaN or an infinite score (it overflowed on the window's values). */
  NON_FINITE_SCORE("NON_FINITE_SCORE"),
  /** The detector threw (corrupt state, an invalid score). */
  DETECTION_FAILED("DETECTION_FAILED"),
  /** The window's frames were overwritten before it was scored; a bug guard, never expected. */
  FRAMES_LOST("OTHER");

  private final String deadLetterReason;

  WindowFailure(String deadLetterReason) {
    this.deadLetterReason = deadLetterReason;
  }

  /**
   * Returns the name of the dead-letter reason the stream files such a window under (a value of the
   * schemas' {@code DeadLetterReason}), which a backtest's {@code dead-letters.csv} uses too.
   *
   * @return the reason's name
   */
  public String deadLetterReason() {
    return deadLetterReason;
  }
}
