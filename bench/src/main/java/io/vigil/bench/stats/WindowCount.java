package io.vigil.bench.stats;

/**
 * How many windows a device's frames yield in Vigil's window assembly (core's {@code
 * WindowAssembler}), worked out from the window shape and the reorder grace, so the bench knows
 * when the last score of a backlog has arrived.
 *
 * <p>Frames leave the reorder buffer once the device's newest frame is the grace past them, or
 * early when the buffer is over capacity ({@code 2 * grace / step + 2} frames). At the end of a
 * backlog the frames within the grace of the newest stay buffered: they are never released, so they
 * are in no window. Released frames fill a ring of W; the first window is due at W frames and then
 * one every S frames.
 */
public final class WindowCount {
  private WindowCount() {}

  /**
   * Returns the frames of a device that stay in the reorder buffer after its last frame.
   *
   * @param graceMillis the reorder grace, >= 0
   * @param stepMillis the configured step (the capacity's unit), > 0
   * @param spacingMillis the event time between the device's frames, > 0
   * @return frames held back
   */
  public static int heldFrames(long graceMillis, long stepMillis, long spacingMillis) {
    if (graceMillis < 0 || stepMillis <= 0 || spacingMillis <= 0) {
      throw new IllegalArgumentException(
          "grace "
              + graceMillis
              + " ms, step "
              + stepMillis
              + " ms, spacing "
              + spacingMillis
              + " ms; expected grace >= 0 and positive step and spacing");
    }
    long withinGrace = (graceMillis + spacingMillis - 1) / spacingMillis;
    long capacity = 2 * (graceMillis / stepMillis) + 2;
    return (int) Math.min(withinGrace, capacity);
  }

  /**
   * Returns the windows one device's frames yield.
   *
   * @param frames frames of the device, in order and evenly spaced
   * @param window W
   * @param stride S
   * @param held frames held back at the end ({@link #heldFrames})
   * @return windows emitted
   */
  public static long perDevice(long frames, int window, int stride, int held) {
    if (window < 1 || stride < 1 || held < 0 || frames < 0) {
      throw new IllegalArgumentException(
          "frames "
              + frames
              + ", W "
              + window
              + ", S "
              + stride
              + ", held "
              + held
              + "; expected W, S >= 1 and frames, held >= 0");
    }
    long released = frames - held;
    return released < window ? 0 : (released - window) / stride + 1;
  }
}
