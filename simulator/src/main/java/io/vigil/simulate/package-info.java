/**
 * A seeded simulator of a fleet of machines publishing multichannel telemetry: periodic load
 * cycles, correlated channels, slow drift and sensor noise, with anomalies of several kinds
 * injected and labelled. The same settings and seed always give the same frames and the same
 * labels, so the demo, the tests and model training can all rely on it.
 */
package io.vigil.simulate;
