package io.vigil.core.window;

import java.util.List;

/**
 * The result of offering one reading to a {@link FrameAligner}: what happened to it, and the frames
 * it completed, in time order.
 *
 * @param outcome what happened to the reading
 * @param frames frames completed by the stream time advance, oldest first
 */
public record AlignResult(ReadingOutcome outcome, List<Frame> frames) {
  /** Copies the frames. */
  public AlignResult {
    frames = List.copyOf(frames);
  }
}
