package io.vigil.bench.report;

import io.vigil.app.CommitStats;

/**
 * Phase (d): latency at a fixed fraction of the end-to-end rate, with live frames (event time = the
 * moment they are sent).
 *
 * @param batchSize {@code vigil.inference.max-batch-size} of the application measured
 * @param targetFps the paced producer's target rate (a fraction of the best end-to-end rate)
 * @param sentFps the rate the producer achieved
 * @param framesSent frames sent
 * @param seconds how long the producer sent
 * @param warmupSeconds windows ending in the first this many seconds are not measured
 * @param scores latency from a window's last frame being sent to its score record being received by
 *     a read_committed consumer
 * @param events the same for anomaly events (produced in the same transaction as their window's
 *     score; few or none in a short run, since every device first warms its threshold up)
 * @param reorderHoldMillis the part of the latency spent by design in the reorder buffer: a
 *     device's frame leaves it once a frame the grace newer has arrived or the buffer is full,
 *     which at this phase's per-device rate takes this long
 * @param commits the application's commits over the phase: under exactly once, the wait for the
 *     next commit and the commit's own time make most of the latency
 */
public record LatencyResult(
    int batchSize,
    double targetFps,
    double sentFps,
    long framesSent,
    double seconds,
    double warmupSeconds,
    LatencyMillis scores,
    LatencyMillis events,
    double reorderHoldMillis,
    CommitStats commits) {}
