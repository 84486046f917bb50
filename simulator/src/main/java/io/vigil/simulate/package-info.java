/**
 * Seeded simulators of sensor data with labelled anomalies. {@link
 * io.vigil.simulate.FleetSimulator} is a fleet of machines publishing multichannel telemetry:
 * periodic load cycles, correlated channels, slow drift and sensor noise, with anomalies of several
 * kinds. {@link io.vigil.simulate.UnivariateSimulator} writes series shaped like public univariate
 * benchmark files: one value every few minutes with daily and weekly seasonality, trend, level
 * changes, flat stretches, pauses and duplicate rows. The same settings and seed always give the
 * same data and the same labels, so the demo, the tests and model training can all rely on them.
 */
package io.vigil.simulate;
