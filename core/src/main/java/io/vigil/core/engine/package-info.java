/**
 * The one detection engine: frames in, scored and judged windows out, for every caller.
 *
 * <p>{@link io.vigil.core.engine.DetectionEngine} cuts each device's windows with its {@link
 * io.vigil.core.window.WindowAssembler}, scores them in micro-batches through a {@link
 * io.vigil.core.engine.WindowScorer} (ONNX Runtime in production, behind an adapter in the
 * inference module), splits a failing batch to find the window at fault, and hands every score to
 * the device's {@link io.vigil.core.detect.DeviceDetector} under the policy in force. The Kafka
 * Streams processor drives it with its state stores behind a {@link
 * io.vigil.core.engine.DetectionEngine.Host}; {@link io.vigil.core.engine.OfflineDetection} drives
 * it from memory for the backtest, the evaluation and the dashboard's preview. The built-in policy
 * all of them fall back on is {@link io.vigil.core.detect.DetectionDefaults}. A caller that wants
 * the model's reconstruction (denoised windows) or latent code (embeddings) says so with {@link
 * io.vigil.core.engine.ExtraOutputs}; by default neither is fetched.
 *
 * <p>No Kafka, no ONNX Runtime: this package imports only the core's own packages.
 */
package io.vigil.core.engine;
