package io.vigil.core.window;

/**
 * What a {@link FrameAligner} did with one narrow reading. Callers count each kind and send {@link
 * Rejected} readings to the dead-letter topic with the reason and message.
 */
public sealed interface ReadingOutcome {

  /** How a reading related to an earlier one for the same channel and slot. */
  enum Duplicate {
    /** No earlier reading of this channel in this slot. */
    NONE,
    /** It replaced an earlier reading: it is closer to the slot time, or as close and newer. */
    REPLACED_EARLIER,
    /** An earlier reading closer to the slot time (or a value where this one has none) was kept. */
    KEPT_EARLIER
  }

  /** Why a reading was refused; maps onto the dead-letter reasons. */
  enum Reason {
    /** The sensor is not one of the model's channels. */
    UNKNOWN_CHANNEL,
    /** The value is infinite. */
    NON_FINITE_VALUE,
    /** The reading is further from the nearest slot than the tolerance. */
    MISALIGNED,
    /** Its slot was already complete (stream time past slot time + grace). */
    LATE
  }

  /**
   * The reading was placed in a slot.
   *
   * @param slotTime the slot's time
   * @param duplicate how it related to an earlier reading of the same channel and slot
   */
  record Accepted(long slotTime, Duplicate duplicate) implements ReadingOutcome {}

  /**
   * The reading was refused.
   *
   * @param reason why
   * @param sensor the reading's sensor
   * @param eventTime the reading's time
   * @param message what, where and what was expected
   */
  record Rejected(Reason reason, String sensor, long eventTime, String message)
      implements ReadingOutcome {}
}
