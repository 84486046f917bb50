/**
 * The bench's simulated fleet: the project's {@link io.vigil.simulate.FleetSimulator} widened to
 * any number of channels, and the training data, windows and Kafka records made from it.
 */
package io.vigil.bench.fleet;
