package io.vigil.core.detect;

/** What {@link DeviceDetector#replacePolicy(DetectionPolicy)} did with a new policy. */
public enum PolicyChange {
  /** Same policy id and a version not newer than the one in force: nothing changed. */
  IGNORED_NOT_NEWER,
  /** The policy was applied and the threshold kept what it had learned (and the warm-up count). */
  THRESHOLD_KEPT,
  /** The policy was applied and the threshold starts afresh, with a new warm-up. */
  THRESHOLD_RESET
}
