/**
 * The model a bench run scores with: a dense or LSTM autoencoder trained at the start with the
 * project's training pipeline, the demo's linear (PCA) autoencoder, or a given ONNX file.
 */
package io.vigil.bench.model;
