/**
 * The ONNX Runtime adapter: loads a model once per process ({@link
 * io.vigil.inference.runtime.OnnxModel}), refuses it unless it honours the contract, and scores
 * micro-batches of windows with it ({@link io.vigil.inference.runtime.WindowBatchScorer}).
 *
 * <p>Ownership: the process has one {@code OrtEnvironment} ({@link
 * io.vigil.inference.runtime.OrtRuntime}); an {@code OnnxModel} owns its {@code OrtSession} and is
 * closed by whoever loaded it; scorers borrow the session, one scorer per stream thread, and hold
 * no native memory between calls. Every {@code OnnxTensor} and {@code OrtSession.Result} lives in a
 * try-with-resources block.
 */
package io.vigil.inference.runtime;
