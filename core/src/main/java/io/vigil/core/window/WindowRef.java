package io.vigil.core.window;

/**
 * A window that a {@link WindowAssembler} has cut, named by the sequence number of its last frame.
 * The values stay in the assembler's frame ring, where {@link WindowAssembler#window(WindowRef)}
 * and {@link WindowAssembler#copyInto(WindowRef, float[], int)} read them, so a window waiting for
 * its micro-batch costs a reference rather than a copy of W×F values.
 *
 * @param endSeq the device-local sequence number of the window's last frame
 * @param startTime event time of the first frame, epoch millis
 * @param endTime event time of the last frame, the time the window is reported at
 */
public record WindowRef(long endSeq, long startTime, long endTime) {}
