/**
 * The phases of a bench run, each a thin adapter around Kafka, Kafka Streams, ONNX Runtime or
 * {@link io.vigil.app.VigilApp}: loading the backlog, the pass-through, the inference bound, the
 * end-to-end run and the latency run. They time what they are asked to and return plain results;
 * the arithmetic is in {@link io.vigil.bench.stats}.
 */
package io.vigil.bench.phase;
