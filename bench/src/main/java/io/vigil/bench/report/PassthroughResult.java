package io.vigil.bench.report;

/**
 * Phase (a): a Kafka Streams application that copies every frame record, as bytes, to an output
 * topic, on the same broker, topic layout and processing guarantee as Vigil.
 *
 * @param frames records copied (all of the backlog)
 * @param seconds from the first to the last output record received (see {@code timedFrom})
 * @param fps frames per second over that interval
 * @param timedFrom what {@code seconds} runs from: {@code first_to_last_output}, or {@code
 *     start_to_last_output} when the run was too short for its output interval to mean anything
 * @param secondsFromStart from the application's start to the last output record
 * @param wallSeconds the whole phase, start-up and shutdown included
 * @param streamCpuMicrosPerFrame CPU time of the stream threads from the start to the last output
 *     record, per frame copied, in microseconds (0 where the JVM cannot measure it)
 * @param processCpuMicrosPerFrame CPU time of the whole bench process (the broker, the producer's
 *     and the reader's threads included) over the same interval, per frame, in microseconds: what
 *     copying a frame costs the machine, to set against the end-to-end phase's figure
 */
public record PassthroughResult(
    long frames,
    double seconds,
    double fps,
    String timedFrom,
    double secondsFromStart,
    double wallSeconds,
    double streamCpuMicrosPerFrame,
    double processCpuMicrosPerFrame) {}
