/**
 * The demo's autoencoder: a dense model trained by this module's own pipeline on the simulator's
 * anomaly-free telemetry, made at first start and reused afterwards ({@link
 * io.vigil.model.demo.DemoModels}).
 */
package io.vigil.model.demo;
