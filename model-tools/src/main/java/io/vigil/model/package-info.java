/**
 * Vigil's model tools: read labelled or unlabelled telemetry, train autoencoders with DJL on its
 * PyTorch engine, export them as contract ONNX models with their provenance, calibrate a suggested
 * threshold, validate model files, and evaluate models on labelled data through the same detection
 * core the stream uses.
 *
 * <p>Packages, from the bottom up:
 *
 * <ul>
 *   <li>{@link io.vigil.model.data} — readers (CSV, JSON lines, Avro container files, a Kafka topic
 *       between two timestamps) into {@link io.vigil.model.data.Series}; windowing and
 *       standardisation of training data. No DJL, no ONNX.
 *   <li>{@link io.vigil.model.train} — training options and the DJL trainers (dense, LSTM, conv,
 *       and the penalised dense kinds vae, sparse and contractive).
 *   <li>{@link io.vigil.model.calibrate} — the suggested threshold from validation scores.
 *   <li>{@link io.vigil.model.export} — trained networks to contract ONNX models, with provenance,
 *       and the parity check of an export against its network.
 *   <li>{@link io.vigil.model.pipeline} — data to a checked contract model in one call, shared by
 *       {@code vigil train}, the demo model and the evaluation.
 *   <li>{@link io.vigil.model.validate} — checks a model file against the contract.
 *   <li>{@link io.vigil.model.evaluate} — labelled evaluation (SKAB) through {@code io.vigil.core}.
 *   <li>{@link io.vigil.model.demo} — the demo's model, trained on the simulator's normal data.
 *   <li>{@link io.vigil.model.linear} — linear (PCA) autoencoders fitted in closed form, for the
 *       stream tests.
 * </ul>
 */
package io.vigil.model;
