package io.vigil.bench.report;

/**
 * Phase (b): ONNX Runtime alone, through Vigil's {@code WindowBatchScorer} on one thread, with full
 * batches of real windows.
 *
 * @param batchSize windows per call
 * @param windows windows scored in the measured interval
 * @param seconds the measured interval (after the warm-up)
 * @param windowsPerSecond windows scored per second
 * @param fps the inference bound in frames per second: windows per second x S, since every S new
 *     frames make one window
 * @param meanBatchMillis mean time of one call
 */
public record InferenceResult(
    int batchSize,
    long windows,
    double seconds,
    double windowsPerSecond,
    double fps,
    double meanBatchMillis) {}
