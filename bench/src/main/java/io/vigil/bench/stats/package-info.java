/**
 * The arithmetic of the bench, kept apart from Kafka and ONNX Runtime so it is unit-tested alone:
 * rates, latency percentiles, how many windows a backlog yields, and the pacing of a live producer.
 */
package io.vigil.bench.stats;
