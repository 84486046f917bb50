package io.vigil.bench.report;

/**
 * Phase (c): Vigil at saturation on a pre-loaded backlog, for one maximum batch size.
 *
 * @param batchSize {@code vigil.inference.max-batch-size}
 * @param frames frames in the backlog, all consumed
 * @param windowsExpected windows the backlog yields (devices x windows per device)
 * @param windowsReceived score records received
 * @param seconds from the first to the last score record received
 * @param fps frames per second over that interval
 * @param timedFrom what {@code seconds} runs from: {@code first_to_last_output}, or {@code
 *     start_to_last_output} when the run was too short for its output interval to mean anything
 * @param secondsFromStart from the application's start (before it reached RUNNING) to the last
 *     score record
 * @param fpsFromStart frames per second over that longer interval
 * @param wallSeconds the whole phase, start-up and shutdown included
 * @param streamCpuSeconds CPU time of the application's stream threads from its start to the last
 *     score record (0 where the JVM cannot measure it)
 * @param processCpuSeconds CPU time of the whole process over the same interval (broker included)
 * @param streamCpuMicrosPerFrame {@code streamCpuSeconds} per backlog frame, in microseconds: the
 *     stage's cost, much less sensitive than a rate to other load on the machine
 * @param inferenceWaitSeconds time the stream thread waited for its tasks' scoring threads ({@code
 *     vigil_inference_wait_seconds_total}; 0 when scoring is not overlapped): near {@code
 *     secondsFromStart}, the model is the bottleneck
 */
public record EndToEndResult(
    int batchSize,
    long frames,
    long windowsExpected,
    long windowsReceived,
    double seconds,
    double fps,
    String timedFrom,
    double secondsFromStart,
    double fpsFromStart,
    double wallSeconds,
    double streamCpuSeconds,
    double processCpuSeconds,
    double streamCpuMicrosPerFrame,
    double inferenceWaitSeconds) {}
