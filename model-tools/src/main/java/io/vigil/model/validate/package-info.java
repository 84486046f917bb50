/**
 * Checks a model file the way the stream will load it (ONNX Runtime, the contract's names, shapes
 * and metadata, a probe batch) and describes it: the engine behind {@code vigil validate-model}.
 */
package io.vigil.model.validate;
