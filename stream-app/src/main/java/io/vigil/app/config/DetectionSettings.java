package io.vigil.app.config;

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
 */
public record DetectionSettings(
    long stepMillis,
    long graceMillis,
    int maxCarrySteps,
    long readingToleranceMillis,
    long batchLingerMillis) {

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
  }

  /** Defaults: 1 s step, 5 s grace, carry up to 3 steps, 250 ms reading tolerance, 20 ms linger. */
  public static DetectionSettings defaults() {
    return new DetectionSettings(1000, 5000, 3, 250, 20);
  }

  static DetectionSettings read(VigilConfig.Reader r) {
    DetectionSettings d = defaults();
    return new DetectionSettings(
        r.longValue("vigil.detection.step.ms", d.stepMillis()),
        r.longValue("vigil.detection.grace.ms", d.graceMillis()),
        (int) r.longValue("vigil.detection.max-carry-steps", d.maxCarrySteps()),
        r.longValue("vigil.readings.tolerance.ms", d.readingToleranceMillis()),
        r.longValue("vigil.inference.batch-linger.ms", d.batchLingerMillis()));
  }
}
