/**
 * From a trained DJL network to a contract ONNX model: the weights are copied into the ONNX bodies
 * of {@code io.vigil.inference.onnx} ({@link io.vigil.model.export.NetworkExporter}, with PyTorch's
 * LSTM gate order mapped to ONNX's by {@link io.vigil.model.export.GateOrder}), wrapped with the
 * scaler and in-graph scores by {@code ContractGraphs}, and labelled with the contract metadata and
 * the provenance ({@link io.vigil.model.export.Provenance}).
 *
 * <p>Models are IR version 8, opset 17 (see {@code io.vigil.inference.onnx}); the batch dimension
 * is symbolic.
 */
package io.vigil.model.export;
