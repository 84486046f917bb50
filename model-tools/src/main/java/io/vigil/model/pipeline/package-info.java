/**
 * The whole path from data to a contract model, shared by {@code vigil train}, the demo model and
 * the evaluation: split, fit the scaler, cut windows, train, calibrate the suggested threshold on
 * the held-out windows, export with provenance ({@link io.vigil.model.pipeline.TrainingPipeline}).
 */
package io.vigil.model.pipeline;
