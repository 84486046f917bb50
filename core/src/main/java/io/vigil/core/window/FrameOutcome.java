package io.vigil.core.window;

/**
 * What a {@link WindowAssembler} did with one incoming frame. Callers count each kind and send
 * {@link Late} frames to the dead-letter topic with its message.
 */
public sealed interface FrameOutcome {

  /**
   * The frame was taken into the reorder buffer.
   *
   * @param time the frame time
   */
  record Accepted(long time) implements FrameOutcome {}

  /**
   * A frame with the same time was still buffered: the two were merged channel by channel, the
   * newer frame's present values winning and its missing values leaving the older ones in place.
   *
   * @param time the frame time
   */
  record Merged(long time) implements FrameOutcome {}

  /**
   * The frame came too late to be placed and was refused.
   *
   * @param time the frame time
   * @param streamTime the newest frame time seen for the device
   * @param lastReleased the newest frame time already passed on to windows
   * @param graceMillis the reorder grace
   * @param message what, where and what was expected, for logs and dead letters
   */
  record Late(long time, long streamTime, long lastReleased, long graceMillis, String message)
      implements FrameOutcome {}

  /**
   * A frame with the same time was already passed on to windows: it is refused, because the windows
   * holding that instant may already be scored. Callers dead-letter it as a duplicate, which is not
   * the same as late.
   *
   * @param time the frame time
   * @param message what, where and what was expected, for logs and dead letters
   */
  record Duplicate(long time, String message) implements FrameOutcome {}
}
