/**
 * {@code vigil bench}: Vigil's end-to-end throughput and latency measured in one run beside the two
 * things it is built from, a Kafka Streams pass-through on the same broker and topic layout and
 * ONNX Runtime alone on the same model, so that the ratio says how much of what they allow the
 * pipeline achieves. {@link io.vigil.bench.BenchRunner} runs the phases; {@link
 * io.vigil.bench.BenchOptions} says what to run. The JMH benchmarks of the hot paths are in {@link
 * io.vigil.bench.jmh}.
 */
package io.vigil.bench;
