package io.vigil.core.window;

/**
 * Something that happened downstream of the reorder buffer when frames were released in order: a
 * window is ready, a window was skipped, or the frame sequence restarted after a long pause.
 */
public sealed interface AssemblyEvent {

  /**
   * A window of W scorable frames, cut and pending until the caller acknowledges it.
   *
   * @param window where the window's frames are in the assembler's ring
   */
  record WindowReady(WindowRef window) implements AssemblyEvent {}

  /**
   * A window was due but contained a frame that could not be gap-filled; callers count it as a
   * skip.
   *
   * @param startTime first frame time of the skipped window
   * @param endTime last frame time of the skipped window
   * @param frameTime time of the first unscorable frame in it
   * @param channel the channel that could not be filled there
   * @param message what, where and what was expected
   */
  record WindowSkipped(long startTime, long endTime, long frameTime, String channel, String message)
      implements AssemblyEvent {}

  /**
   * Frames stopped for longer than gap filling covers: the window buffer was cleared and the next
   * window comes after W new frames, so no window spans the pause.
   *
   * @param previousFrameTime the last frame before the pause
   * @param frameTime the first frame after it
   * @param message what happened and the limit
   */
  record SequenceRestarted(long previousFrameTime, long frameTime, String message)
      implements AssemblyEvent {}
}
