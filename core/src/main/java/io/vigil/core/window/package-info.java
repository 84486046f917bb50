/**
 * From telemetry to model-sized windows, per device, in event time.
 *
 * <p>Narrow readings (one sensor, one instant) are first aligned into frames on a fixed time grid
 * by a {@link io.vigil.core.window.FrameAligner}; wide frames go straight to a {@link
 * io.vigil.core.window.WindowAssembler}, which reorders frames within a grace period, fills short
 * gaps under a {@link io.vigil.core.window.GapFillPolicy} and emits a {@link
 * io.vigil.core.window.Window} of W frames every S frames. Nothing is dropped silently: every call
 * returns an outcome value (accepted, late, rejected, window skipped, sequence restarted) that says
 * what happened, where, and what was expected, so callers can count metrics and write dead letters.
 * Time is always the event time passed in; state is bounded and has a binary codec.
 */
package io.vigil.core.window;
