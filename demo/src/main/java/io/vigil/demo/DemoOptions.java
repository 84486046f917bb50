package io.vigil.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of one demo run.
 *
 * @param duration how long to publish; {@code null} runs until stopped
 * @param seed simulator seed
 * @param devices simulated devices
 * @param workDir broker data, stream state and the demo's own progress live here, so a restarted
 *     demo continues where the last one stopped
 * @param stepsPerSecond simulated frames per device per second of wall-clock time
 * @param partitions partitions of each data topic
 * @param badRecordEvery one deliberately malformed record per this many frames (0: none), to show
 *     the dead-letter path
 * @param model the ONNX model to score with
 * @param matchTolerance how long after an injected anomaly ends an episode opening still counts as
 *     its detection
 * @param httpPort the dashboard's port on 127.0.0.1; 0 for any free port, -1 for none
 */
public record DemoOptions(
    Duration duration,
    long seed,
    int devices,
    Path workDir,
    double stepsPerSecond,
    int partitions,
    int badRecordEvery,
    Path model,
    Duration matchTolerance,
    int httpPort) {

  public DemoOptions {
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException(
          "--duration " + duration + " is invalid; expected a positive duration");
    }
    if (devices < 1 || devices > 10_000) {
      throw new IllegalArgumentException("--devices " + devices + " is invalid; expected 1..10000");
    }
    if (!(stepsPerSecond > 0 && stepsPerSecond <= 10_000)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "steps per second %s is invalid; expected (0, 10000]", stepsPerSecond));
    }
    if (partitions < 1 || partitions > 64) {
      throw new IllegalArgumentException(
          "partitions " + partitions + " is invalid; expected 1..64");
    }
    if (model == null) {
      throw new IllegalArgumentException("the demo needs a model file");
    }
    if (matchTolerance == null || matchTolerance.isNegative()) {
      throw new IllegalArgumentException(
          "match tolerance " + matchTolerance + " is invalid; expected >= 0");
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException(
          "--http-port " + httpPort + " is invalid; expected -1 (none), 0 (any) or 1..65535");
    }
    if (badRecordEvery < 0) {
      throw new IllegalArgumentException(
          "bad record rate " + badRecordEvery + " is invalid; expected >= 0");
    }
  }
}
