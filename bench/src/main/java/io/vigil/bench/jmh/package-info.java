/**
 * JMH benchmarks of Vigil's per-record and per-window hot paths: window assembly, the state
 * encoding the detection stage stores per record and per window, tensor filling and scoring,
 * threshold updates, and the frame serdes. Each runs in forked JVMs after a warm-up; run them with
 * {@code vigil bench jmh [REGEX] [--prof gc]} ({@link io.vigil.bench.jmh.JmhLauncher}), where
 * {@code --prof gc} adds the bytes allocated per operation ({@code gc.alloc.rate.norm}).
 */
package io.vigil.bench.jmh;
