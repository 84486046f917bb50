package io.vigil.core.window;

import java.util.List;

/**
 * The result of offering one frame to a {@link WindowAssembler}: what happened to the frame, and
 * what the frames it released caused, in order.
 *
 * @param outcome what happened to the offered frame
 * @param events windows emitted or skipped and sequence restarts, in event-time order
 */
public record AssemblyResult(FrameOutcome outcome, List<AssemblyEvent> events) {
  /** Copies the events. */
  public AssemblyResult {
    events = List.copyOf(events);
  }
}
