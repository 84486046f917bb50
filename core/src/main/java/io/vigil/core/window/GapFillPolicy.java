package io.vigil.core.window;

/**
 * How long a channel's last value may stand in for missing ones: carried forward up to {@code
 * maxCarrySteps} steps of {@code stepMillis}. Beyond that a frame is unscorable.
 *
 * <p>Ages are counted in whole steps, rounding the time difference to the nearest step, so frames
 * with a little timing jitter still count as one step apart. The same rule decides when a pause
 * between frames is too long for a window to span it (see {@link WindowAssembler}).
 *
 * @param maxCarrySteps N: a value seen at most N steps earlier may fill a gap, >= 0 (0: no filling)
 * @param stepMillis the frame period the model was trained on, > 0
 */
public record GapFillPolicy(int maxCarrySteps, long stepMillis) {

  /** Validates the fields. */
  public GapFillPolicy {
    if (maxCarrySteps < 0) {
      throw new IllegalArgumentException(
          "gapFill.maxCarrySteps: found " + maxCarrySteps + ", allowed [0, +inf)");
    }
    if (stepMillis <= 0) {
      throw new IllegalArgumentException(
          "gapFill.stepMillis: found " + stepMillis + ", allowed [1, +inf)");
    }
  }

  /**
   * Returns the distance between two times in whole steps, rounded to the nearest.
   *
   * @param from the earlier time
   * @param to the later time
   * @return {@code round((to - from) / stepMillis)}
   */
  public long stepsBetween(long from, long to) {
    return Math.round((double) (to - from) / stepMillis);
  }

  /**
   * Whether a value seen at {@code seenAt} may fill a gap at {@code at}.
   *
   * @param seenAt when the value was last seen
   * @param at the frame time to fill
   * @return true when at most {@code maxCarrySteps} steps apart
   */
  public boolean canCarry(long seenAt, long at) {
    return stepsBetween(seenAt, at) <= maxCarrySteps;
  }
}
