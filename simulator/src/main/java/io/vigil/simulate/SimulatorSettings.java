package io.vigil.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a simulated fleet behaves. Steps are frames: every device emits one frame per {@code step} of
 * event time.
 *
 * @param devices number of devices, named {@code device-000}, {@code device-001}, ...
 * @param seed the seed of every random draw
 * @param start event time of the first frame
 * @param step event time between frames of one device
 * @param cycleSteps period of the load cycle, in steps (a "day" of the machine)
 * @param warmupSteps first steps of every device with no anomaly, so models and thresholds can
 *     settle
 * @param meanGapSteps mean number of normal steps between two anomalies of a device
 * @param minAnomalySteps shortest anomaly (spikes are always shorter: 1 to 3 steps)
 * @param maxAnomalySteps longest anomaly
 * @param kinds the kinds of anomaly injected, each equally likely
 */
public record SimulatorSettings(
    int devices,
    long seed,
    Instant start,
    Duration step,
    int cycleSteps,
    int warmupSteps,
    int meanGapSteps,
    int minAnomalySteps,
    int maxAnomalySteps,
    Set<AnomalyKind> kinds) {

  /**
   * Defaults that suit the demo: a one-second step, a 20-minute cycle, an anomaly every ~10 min.
   */
  public static SimulatorSettings defaults(int devices, long seed) {
    return new SimulatorSettings(
        devices,
        seed,
        Instant.parse("2026-01-01T00:00:00Z"),
        Duration.ofSeconds(1),
        1200,
        400,
        600,
        30,
        90,
        EnumSet.allOf(AnomalyKind.class));
  }

  public SimulatorSettings {
    require(devices >= 1 && devices <= 100_000, "devices", devices, "1..100000");
    require(start != null, "start", start, "an instant");
    require(
        step != null && !step.isNegative() && !step.isZero(), "step", step, "a positive duration");
    require(cycleSteps >= 10, "cycleSteps", cycleSteps, ">= 10");
    require(warmupSteps >= 0, "warmupSteps", warmupSteps, ">= 0");
    require(meanGapSteps >= 10, "meanGapSteps", meanGapSteps, ">= 10");
    require(minAnomalySteps >= 1, "minAnomalySteps", minAnomalySteps, ">= 1");
    require(kinds != null && !kinds.isEmpty(), "kinds", kinds, "at least one anomaly kind");
    kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    require(
        maxAnomalySteps >= minAnomalySteps,
        "maxAnomalySteps",
        maxAnomalySteps,
        ">= minAnomalySteps (" + minAnomalySteps + ")");
  }

  /** A copy with another start time. */
  public SimulatorSettings withStart(Instant newStart) {
    return new SimulatorSettings(
        devices,
        seed,
        newStart,
        step,
        cycleSteps,
        warmupSteps,
        meanGapSteps,
        minAnomalySteps,
        maxAnomalySteps,
        kinds);
  }

  /** A copy with another warm-up length. */
  public SimulatorSettings withWarmupSteps(int steps) {
    return new SimulatorSettings(
        devices,
        seed,
        start,
        step,
        cycleSteps,
        steps,
        meanGapSteps,
        minAnomalySteps,
        maxAnomalySteps,
        kinds);
  }

  /** A copy with another mean gap between anomalies. */
  public SimulatorSettings withMeanGapSteps(int steps) {
    return new SimulatorSettings(
        devices,
        seed,
        start,
        step,
        cycleSteps,
        warmupSteps,
        steps,
        minAnomalySteps,
        maxAnomalySteps,
        kinds);
  }

  /** A copy injecting only {@code onlyKinds}. */
  public SimulatorSettings withKinds(Set<AnomalyKind> onlyKinds) {
    return new SimulatorSettings(
        devices,
        seed,
        start,
        step,
        cycleSteps,
        warmupSteps,
        meanGapSteps,
        minAnomalySteps,
        maxAnomalySteps,
        onlyKinds);
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "simulator setting %s = %s is invalid; allowed: %s",
              field,
              value,
              allowed));
    }
  }
}
