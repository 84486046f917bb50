package io.vigil.bench;

import io.vigil.bench.fleet.WideFleet;
import io.vigil.bench.model.ModelChoice;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a bench run is asked to do, validated once: a bad value fails with the option, the
 * value and what is allowed.
 *
 * @param model which model to score with; {@link ModelChoice#FILE} with {@code modelFile}
 * @param modelFile the ONNX model when {@code model} is FILE, else null
 * @param devices simulated devices (--devices)
 * @param channels channels per frame (--channels); with a model file, its feature count
 * @param window W of a trained model (--window); a model file brings its own
 * @param stride S of a trained model (--stride); a model file brings its own
 * @param partitions partitions of every topic (--partitions)
 * @param frames frames in the backlog of phases (a) and (c) (--frames), rounded up to whole steps
 *     of the fleet
 * @param warmupFrames frames of the warm-up backlog run through a pass-through and an end-to-end
 *     application before phases (a) and (c) are measured (--warmup-frames), 0 for none
 * @param duration how long phase (d) sends live frames (--duration)
 * @param latencyFraction phase (d)'s rate as a fraction of the best end-to-end rate
 * @param latencyRate a fixed rate for phase (d) in frames/s instead, or 0
 * @param exactlyOnce exactly_once_v2 (true) or at_least_once (--guarantee)
 * @param provider the execution provider (--provider)
 * @param batchSizes the micro-batch sizes swept in (b) and (c) (--batch-sizes)
 * @param skip phases left out (--skip)
 * @param workDir broker data, state, models and the default report (--work-dir)
 * @param report the JSON report file (--report)
 * @param seed the simulator and training seed (--seed)
 * @param appSettings extra {@code vigil.*} / {@code kafka.*} settings for the stream applications
 *     (--set)
 */
public record BenchOptions(
    ModelChoice model,
    Path modelFile,
    int devices,
    int channels,
    int window,
    int stride,
    int partitions,
    long frames,
    long warmupFrames,
    Duration duration,
    double latencyFraction,
    double latencyRate,
    boolean exactlyOnce,
    ExecutionProvider provider,
    List<Integer> batchSizes,
    Set<Phase> skip,
    Path workDir,
    Path report,
    long seed,
    Map<String, String> appSettings) {

  /**
   * Default backlog size: 1,000 devices x 1,000 steps. Shorter backlogs flatter the ratio: a
   * pass-through of 150,000 frames is over within a few commits, so its rate measures the commit
   * cadence more than the throughput.
   */
  public static final long DEFAULT_FRAMES = 1_000_000;

  /**
   * Default warm-up: 300 steps of 1,000 devices. A JVM starting the bench spends a third of its CPU
   * time in the JIT compiler for the first minute (measured: 16 of 46 CPU-seconds of an end-to-end
   * phase on a cold JVM, 3.6 on a warm one, which ran 37 % faster); the warm-up runs the same code
   * first, so the phases measure the steady state a long-running application reaches.
   */
  public static final long DEFAULT_WARMUP_FRAMES = 300_000;

  /** Default length of the latency phase. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  /** Settings the bench sets per phase, which {@code --set} may not change. */
  static final Set<String> RESERVED_SETTINGS =
      Set.of(
          "vigil.bootstrap.servers",
          "vigil.application.id",
          "vigil.state.dir",
          "vigil.model.path",
          "vigil.inference.max-batch-size",
          "vigil.inference.provider",
          "vigil.processing.guarantee",
          "vigil.input.format");

  /** Validates every field. */
  public BenchOptions {
    require(model != null, "--model", model, "dense, lstm or linear");
    require(
        (model == ModelChoice.FILE) == (modelFile != null),
        "--model-file",
        modelFile,
        "a model file exactly when scoring with a given model");
    require(devices >= 1 && devices <= 100_000, "--devices", devices, "1..100000");
    require(
        channels >= 1 && channels <= WideFleet.MAX_CHANNELS,
        "--channels",
        channels,
        "1.." + WideFleet.MAX_CHANNELS);
    require(window >= 2 && window <= 4096, "--window", window, "2..4096");
    require(stride >= 1 && stride <= window, "--stride", stride, "1..window (" + window + ")");
    require(partitions >= 1 && partitions <= 1000, "--partitions", partitions, "1..1000");
    require(
        frames >= (long) devices * 2 * window && frames <= 1_000_000_000L,
        "--frames",
        frames,
        "at least devices x 2 x window ("
            + (long) devices * 2 * window
            + ") frames, so every"
            + " device makes windows, and at most 1e9");
    require(
        warmupFrames == 0 || warmupFrames >= (long) devices * 2 * window,
        "--warmup-frames",
        warmupFrames,
        "0 (no warm-up) or at least devices x 2 x window (" + (long) devices * 2 * window + ")");
    require(
        duration != null && duration.toMillis() >= 2000 && duration.toHours() < 24,
        "--duration",
        duration,
        "2s .. 24h");
    require(
        latencyFraction > 0 && latencyFraction <= 1, "latency fraction", latencyFraction, "(0, 1]");
    require(latencyRate >= 0, "--latency-rate", latencyRate, ">= 0 frames/s (0: from phase c)");
    require(provider != null, "--provider", provider, "cpu, cuda or auto");
    require(
        batchSizes != null && !batchSizes.isEmpty(),
        "--batch-sizes",
        batchSizes,
        "one or more sizes, e.g. 64,256");
    batchSizes = List.copyOf(batchSizes);
    for (int b : batchSizes) {
      require(
          b >= 1 && b <= InferenceSettings.MAX_BATCH,
          "--batch-sizes",
          batchSizes,
          "sizes in 1.." + InferenceSettings.MAX_BATCH);
    }
    skip = skip.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(skip);
    require(
        !runs(Phase.LATENCY, skip) || !skip.contains(Phase.E2E) || latencyRate > 0,
        "--skip",
        skip,
        "the latency phase runs at a fraction of the end-to-end rate: skip e2e only with"
            + " --latency-rate, or skip latency too");
    require(workDir != null, "--work-dir", workDir, "a directory");
    require(report != null, "--report", report, "a file");
    appSettings = Map.copyOf(appSettings);
    for (String key : appSettings.keySet()) {
      require(
          (key.startsWith("vigil.") || key.startsWith("kafka."))
              && !RESERVED_SETTINGS.contains(key),
          "--set",
          key,
          "a vigil.* or kafka.* key other than " + RESERVED_SETTINGS + " (the bench sets those)");
    }
  }

  /** Returns whether {@code phase} runs. */
  public boolean runs(Phase phase) {
    return runs(phase, skip);
  }

  private static boolean runs(Phase phase, Set<Phase> skip) {
    return !skip.contains(phase);
  }

  /** Returns the warm-up backlog's frames per device, 0 for none. */
  public long warmupStepsPerDevice() {
    return (warmupFrames + devices - 1) / devices;
  }

  /** Returns the backlog's frames per device (the backlog is whole steps of the fleet). */
  public long stepsPerDevice() {
    return (frames + devices - 1) / devices;
  }

  private static void require(boolean ok, String option, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          option + " = " + value + " is invalid; allowed: " + allowed);
    }
  }
}
