/**
 * Vigil inference: the ONNX model contract and the ONNX Runtime adapter that scores windows of
 * sensor frames with an autoencoder.
 *
 * <p>Layering, from the bottom up (enforced by {@code LayeringTest}):
 *
 * <ul>
 *   <li>{@link io.vigil.inference.scoring} — pure reconstruction-error maths; imports nothing else
 *       from Vigil, nor ONNX.
 *   <li>{@link io.vigil.inference.contract} — the model contract (names, metadata keys, the
 *       validated {@link io.vigil.inference.contract.ModelMetadata}); no ONNX Runtime imports, so
 *       it can be checked and unit tested without a native library.
 *   <li>{@link io.vigil.inference.onnx} — builds ONNX graphs that honour the contract (used by
 *       exporters, the demo and tests); may import {@code contract}, never {@code runtime}.
 *   <li>{@link io.vigil.inference.runtime} — the thin ONNX Runtime adapter: loads a model, enforces
 *       the contract, scores micro-batches; may import all of the above.
 * </ul>
 *
 * <p>{@link io.vigil.inference.InferenceException} is the root of every exception this module
 * throws at its boundary.
 */
package io.vigil.inference;
