/**
 * Builds ONNX models in code, over the ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}): a
 * small graph builder ({@link io.vigil.inference.onnx.OnnxGraphBuilder}), the contract wrapper that
 * adds standardisation, destandardisation and in-graph scores around an autoencoder body ({@link
 * io.vigil.inference.onnx.ContractGraphs}), and the bodies exporters fill with trained weights:
 * dense ({@link io.vigil.inference.onnx.DenseAutoencoder}), LSTM ({@link
 * io.vigil.inference.onnx.LstmAutoencoder}) and 1-D convolutional ({@link
 * io.vigil.inference.onnx.ConvAutoencoder}).
 *
 * <p>Models are written with IR version 8 and the default-domain opset 17 (the pair of ONNX 1.12),
 * which every ONNX Runtime since 1.12 loads; opset 17 is also the last where {@code ReduceMean}
 * takes its axes as an attribute, which keeps the score graph free of constant tensors. Output is
 * deterministic (no timestamps, stable names), so the same weights give the same bytes.
 *
 * <p>Exporters (model-tools), the demo and the tests use this package; it never depends on ONNX
 * Runtime.
 */
package io.vigil.inference.onnx;
