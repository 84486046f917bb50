/**
 * Scoring maths: reconstruction error of a window, each channel's share of it, and the severity of
 * a score relative to its threshold.
 *
 * <p>The formulas here are the contract with exported models: an ONNX autoencoder's {@code score}
 * and {@code channel_scores} outputs compute exactly what {@link
 * io.vigil.core.scoring.ReconstructionError} computes, so the streaming app, the backtest and the
 * evaluation agree on every number.
 */
package io.vigil.core.scoring;
