package io.vigil.core.window;

import java.util.List;

/**
 * How a device's frames become windows: the model's feature order, window length W, stride S, the
 * reorder grace, and the gap-fill policy.
 *
 * <p>The reorder buffer holds at most {@link #reorderCapacity()} frames, {@code 2 * grace / step +
 * 2}: enough for frames at the model's rate (with jitter) arriving anywhere within the grace, and a
 * bound on what a device that floods timestamps can make a state store hold.
 *
 * @param channels feature names in the order the model expects, unique, at least one
 * @param windowSize W, frames per window, in [1, 100000]
 * @param stride S, new frames between consecutive windows, in [1, 100000] (S > W leaves frames out
 *     between windows)
 * @param graceMillis how far behind the newest frame a frame may arrive and still be put in its
 *     place, >= 0
 * @param gapFill the gap-fill policy; its step is the expected frame period
 */
public record WindowSpec(
    List<String> channels, int windowSize, int stride, long graceMillis, GapFillPolicy gapFill) {

  /** Largest window length or stride accepted. */
  public static final int MAX_FRAMES = 100_000;

  /** Largest reorder buffer a spec may imply. */
  public static final int MAX_REORDER_FRAMES = 10_000;

  /** Validates every field. */
  public WindowSpec {
    channels = List.copyOf(channels);
    if (channels.isEmpty() || channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException(
          "window.channels: found " + channels + ", allowed a non-empty list of unique names");
    }
    if (windowSize < 1 || windowSize > MAX_FRAMES) {
      throw new IllegalArgumentException(
          "window.windowSize: found " + windowSize + ", allowed [1, " + MAX_FRAMES + "]");
    }
    if (stride < 1 || stride > MAX_FRAMES) {
      throw new IllegalArgumentException(
          "window.stride: found " + stride + ", allowed [1, " + MAX_FRAMES + "]");
    }
    if (gapFill == null) {
      throw new IllegalArgumentException("window.gapFill: found null, allowed a gap-fill policy");
    }
    if (graceMillis < 0 || graceMillis / gapFill.stepMillis() > (MAX_REORDER_FRAMES - 2) / 2) {
      throw new IllegalArgumentException(
          "window.graceMillis: found "
              + graceMillis
              + ", allowed [0, "
              + (long) (MAX_REORDER_FRAMES - 2) / 2 * gapFill.stepMillis()
              + "] (at most "
              + (MAX_REORDER_FRAMES - 2) / 2
              + " steps of "
              + gapFill.stepMillis()
              + " ms)");
    }
  }

  /**
   * Returns the most frames the reorder buffer holds before it releases the oldest early.
   *
   * @return {@code 2 * graceMillis / stepMillis + 2}
   */
  public int reorderCapacity() {
    return (int) (2 * (graceMillis / gapFill.stepMillis()) + 2);
  }

  /**
   * How many windows of a device may wait for scoring at once by reference into its frame ring
   * before the ring would overwrite the oldest; see {@link #ringCapacity()}.
   */
  public static final int PENDING_WINDOWS = 8;

  /**
   * Returns how many frames a device's frame ring holds: the frames of a window and of up to {@link
   * #PENDING_WINDOWS} more cut before it, all waiting for scoring ({@code W + PENDING_WINDOWS ×
   * S}), plus the most frames one offer can release (the reorder buffer and the offered frame) and
   * one stride, so that a caller that drains before an offer that could overwrite a waiting window
   * never loses one, and every window cut during one offer is still readable after it.
   *
   * @return the ring capacity in frames
   */
  public int ringCapacity() {
    long frames = windowSize + (long) stride * PENDING_WINDOWS + reorderCapacity() + 1L;
    return (int) Math.min(Integer.MAX_VALUE, frames);
  }
}
