/**
 * Backtests: recorded data through the one detection engine ({@code
 * io.vigil.core.engine.OfflineDetection}) with an ONNX model and a policy, offline and without
 * Kafka. {@link io.vigil.model.backtest.Backtest} runs a {@code Recording} and returns its episodes
 * and counts while it streams every judged window to the caller; the evaluation, {@code vigil
 * backtest} and the dashboard's preview are built on it. {@link
 * io.vigil.model.backtest.BacktestFiles} writes the standard files, {@link
 * io.vigil.model.backtest.OutputFiles} the optional denoised signal and embeddings.
 */
package io.vigil.model.backtest;
