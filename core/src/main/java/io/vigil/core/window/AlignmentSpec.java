package io.vigil.core.window;

import java.util.List;

/**
 * How narrow readings of one device are aligned into frames: channels in feature order, the time
 * step of the grid, how far a reading may be from its slot, and how long a slot waits for its
 * readings.
 *
 * @param channels feature names in model order, unique, at least one
 * @param stepMillis grid step: slot k is at time {@code k * stepMillis}, > 0
 * @param toleranceMillis a reading belongs to slot k when {@code |t - k * step| <= tolerance}; in
 *     [0, step / 2) so that no reading is near two slots
 * @param graceMillis a slot is complete, and emitted, once the device's stream time is past {@code
 *     slot time + grace}; at least the tolerance (else a reading on time could make its own
 *     neighbours late) and at most {@value #MAX_GRACE_STEPS} steps (bounds the pending slots)
 */
public record AlignmentSpec(
    List<String> channels, long stepMillis, long toleranceMillis, long graceMillis) {

  /** Largest grace, in steps. */
  public static final int MAX_GRACE_STEPS = 10_000;

  /** Validates every field. */
  public AlignmentSpec {
    channels = List.copyOf(channels);
    if (channels.isEmpty() || channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException(
          "alignment.channels: found " + channels + ", allowed a non-empty list of unique names");
    }
    if (stepMillis <= 0) {
      throw new IllegalArgumentException(
          "alignment.stepMillis: found " + stepMillis + ", allowed [1, +inf)");
    }
    if (toleranceMillis < 0 || 2 * toleranceMillis >= stepMillis) {
      throw new IllegalArgumentException(
          "alignment.toleranceMillis: found "
              + toleranceMillis
              + ", allowed [0, "
              + stepMillis
              + "/2) for a step of "
              + stepMillis
              + " ms");
    }
    if (graceMillis < toleranceMillis || graceMillis / stepMillis > MAX_GRACE_STEPS) {
      throw new IllegalArgumentException(
          "alignment.graceMillis: found "
              + graceMillis
              + ", allowed ["
              + toleranceMillis
              + ", "
              + MAX_GRACE_STEPS * stepMillis
              + "] (at least the tolerance, at most "
              + MAX_GRACE_STEPS
              + " steps)");
    }
  }
}
