package io.vigil.app.config;

import io.vigil.core.detect.DetectionDefaults;
import java.time.Duration;

/**
 * How frames become scored windows.
 *
 * @param stepMillis the devices' sampling step: readings are aligned on it, and a channel's last
 *     value is carried forward for at most {@code maxCarrySteps} of it
 * @param graceMillis how far behind a device's newest frame a frame may arrive and still be put in
 *     its place; later ones are dead-lettered as LATE
 * @param maxCarrySteps a missing channel takes its last value for at most this many steps; beyond,
 *     the windows holding the gap are not scored (and counted)
 * @param readingToleranceMillis a narrow reading belongs to the step it is within this distance of
 * @param batchLingerMillis the longest a window waits for its micro-batch to fill (wall-clock)
 * @param maxFutureSkewMillis a frame whose event time is further than this ahead of the wall clock
 *     is dead-lettered as FUTURE and does not move its device's stream time
 * @param unknownChannels what happens to a frame's channels that the model does not know
 * @param idleCloseMillis an open episode of a device that sent no window for this long (wall clock)
 *     is closed as SILENT
 * @param deviceTtlMillis the state of a device that sent no frame for this long (wall clock) is
 *     deleted
 * @param partitioning whether the frames topic can be trusted to hold each device's frames in the
 *     partition Kafka's default partitioner gives its id ({@code
 *     vigil.input.partitioned-by-device})
 * @param overlapScoring whether the model runs full micro-batches on a thread of its own while the
 *     stream thread goes on with the next frames ({@code vigil.inference.overlap}); off, every
 *     batch is scored on the stream thread
 */
public record DetectionSettings(
    long stepMillis,
    long graceMillis,
    int maxCarrySteps,
    long readingToleranceMillis,
    long batchLingerMillis,
    long maxFutureSkewMillis,
    UnknownChannels unknownChannels,
    long idleCloseMillis,
    long deviceTtlMillis,
    InputPartitioning partitioning,
    boolean overlapScoring) {

  /**
   * Where a device's frames are on the frames topic. A device's state lives in one task, and
   * interactive queries look for it where Kafka's default partitioner (murmur2 of the key) puts its
   * id; producers that partition otherwise (librdkafka clients hash with CRC32 by default) would
   * split a device across tasks.
   */
  public enum InputPartitioning {
    /**
     * Each frame is checked: one keyed by its device and in the partition murmur2 gives that key is
     * used where it is; any other goes through the {@code frames-by-device} repartition topic
     * (counted in {@code vigil_frames_repartitioned_total}).
     */
    AUTO,
    /** Trusted: frames keyed by their device are used where they are, without the check. */
    TRUE,
    /** Every frame goes through the repartition topic (producers known to partition otherwise). */
    FALSE
  }

  /** What happens to channels that the model does not know. */
  public enum UnknownChannels {
    /** The channel is left out and counted (per channel), the rest of the frame is used. */
    IGNORE,
    /** The whole frame is dead-lettered as UNKNOWN_CHANNEL. */
    DEAD_LETTER
  }

  public DetectionSettings {
    if (stepMillis < 1) {
      throw new ConfigException(
          "vigil.detection.step.ms", stepMillis, "a positive number of milliseconds");
    }
    if (graceMillis < 0) {
      throw new ConfigException("vigil.detection.grace.ms", graceMillis, ">= 0 milliseconds");
    }
    if (maxCarrySteps < 0) {
      throw new ConfigException("vigil.detection.max-carry-steps", maxCarrySteps, ">= 0");
    }
    if (readingToleranceMillis < 0 || readingToleranceMillis * 2 >= stepMillis) {
      throw new ConfigException(
          "vigil.readings.tolerance.ms",
          readingToleranceMillis,
          ">= 0 and less than half the step (" + stepMillis + " ms)");
    }
    if (batchLingerMillis < 1 || batchLingerMillis > 60_000) {
      throw new ConfigException(
          "vigil.inference.batch-linger.ms", batchLingerMillis, "1..60000 milliseconds");
    }
    if (maxFutureSkewMillis < 0) {
      throw new ConfigException(
          "vigil.detection.max-future-skew.ms", maxFutureSkewMillis, ">= 0 milliseconds");
    }
    if (unknownChannels == null) {
      throw new ConfigException("vigil.detection.unknown-channels", null, "ignore or dead-letter");
    }
    if (idleCloseMillis < 1000) {
      throw new ConfigException("vigil.detection.idle-close.ms", idleCloseMillis, ">= 1000 ms");
    }
    if (partitioning == null) {
      throw new ConfigException("vigil.input.partitioned-by-device", null, "auto, true or false");
    }
    if (deviceTtlMillis < 60_000) {
      throw new ConfigException(
          "vigil.state.device-ttl",
          deviceTtlMillis + " ms",
          "at least one minute (e.g. 7d, 12h, 90m)");
    }
  }

  /**
   * Defaults: 1 s step, 5 s grace, carry up to 3 steps (all three from {@link DetectionDefaults}),
   * 250 ms reading tolerance, 20 ms linger, 1 h future skew, unknown channels ignored, idle close
   * after 10 min, device state kept 7 days, input partitioning checked per frame, scoring
   * overlapped with the stream thread.
   */
  public static DetectionSettings defaults() {
    return new DetectionSettings(
        DetectionDefaults.STEP_MILLIS,
        DetectionDefaults.GRACE_MILLIS,
        DetectionDefaults.MAX_CARRY_STEPS,
        250,
        20,
        Duration.ofHours(1).toMillis(),
        UnknownChannels.IGNORE,
        Duration.ofMinutes(10).toMillis(),
        Duration.ofDays(7).toMillis(),
        InputPartitioning.AUTO,
        true);
  }

  /** These settings with other windowing basics, the rest as they are (for tests and tools). */
  public DetectionSettings withWindowing(
      long stepMillis, long graceMillis, int maxCarrySteps, long batchLingerMillis) {
    return new DetectionSettings(
        stepMillis,
        graceMillis,
        maxCarrySteps,
        readingToleranceMillis,
        batchLingerMillis,
        maxFutureSkewMillis,
        unknownChannels,
        idleCloseMillis,
        deviceTtlMillis,
        partitioning,
        overlapScoring);
  }

  /** These settings with scoring overlapped with the stream thread, or not. */
  public DetectionSettings withOverlapScoring(boolean overlap) {
    return new DetectionSettings(
        stepMillis,
        graceMillis,
        maxCarrySteps,
        readingToleranceMillis,
        batchLingerMillis,
        maxFutureSkewMillis,
        unknownChannels,
        idleCloseMillis,
        deviceTtlMillis,
        partitioning,
        overlap);
  }

  static DetectionSettings read(VigilConfig.Reader r) {
    DetectionSettings d = defaults();
    return new DetectionSettings(
        r.longValue("vigil.detection.step.ms", d.stepMillis()),
        r.longValue("vigil.detection.grace.ms", d.graceMillis()),
        (int) r.longValue("vigil.detection.max-carry-steps", d.maxCarrySteps()),
        r.longValue("vigil.readings.tolerance.ms", d.readingToleranceMillis()),
        r.longValue("vigil.inference.batch-linger.ms", d.batchLingerMillis()),
        r.longValue("vigil.detection.max-future-skew.ms", d.maxFutureSkewMillis()),
        r.choice("vigil.detection.unknown-channels", UnknownChannels.class, d.unknownChannels()),
        r.longValue("vigil.detection.idle-close.ms", d.idleCloseMillis()),
        r.durationMillis("vigil.state.device-ttl", d.deviceTtlMillis()),
        r.choice("vigil.input.partitioned-by-device", InputPartitioning.class, d.partitioning()),
        r.flag("vigil.inference.overlap", d.overlapScoring()));
  }
}
