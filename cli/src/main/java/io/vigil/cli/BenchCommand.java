package io.vigil.cli;

import io.vigil.bench.BenchOptions;
import io.vigil.bench.BenchRunner;
import io.vigil.bench.Phase;
import io.vigil.bench.model.ModelChoice;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.BenchReport;
import io.vigil.inference.runtime.ExecutionProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench}. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = BenchJmhCommand.class,
    description = {
      "Measures, in one run on an embedded broker: (a) a Kafka Streams pass-through of the frames"
          + " topic, (b) ONNX Runtime alone on the model (the inference bound), (c) Vigil end to"
          + " end on a backlog of simulated frames, per batch size, and (d) Vigil's latency at half"
          + " its end-to-end rate.",
      "Writes a JSON report and ends with one line: bench e2e_fps=... passthrough_fps=..."
          + " inference_fps=... ratio=... p50_ms=... p99_ms=..., ratio = e2e / min(passthrough,"
          + " inference).",
      "'vigil bench jmh' runs the JMH micro-benchmarks instead.",
      "The harness needs the embedded broker, which only the developer build carries; 'vigil bench"
          + " jmh' runs in the container image too."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "dense",
      description =
          "dense or lstm (trained at the start, a few epochs) or linear (PCA) (default:"
              + " ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--model-file",
      description =
          "Score with this ONNX contract model instead; its features, W and S replace --channels,"
              + " --window and --stride.")
  Path modelFile;

  @Option(
      names = "--devices",
      defaultValue = "1000",
      description = "Simulated devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--channels",
      defaultValue = "8",
      description = "Channels per frame (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(
      names = "--window",
      defaultValue = "32",
      description = "W of a trained model (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--stride",
      defaultValue = "4",
      description = "S of a trained model (default: ${DEFAULT-VALUE}).")
  int stride;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--frames",
      defaultValue = "" + BenchOptions.DEFAULT_FRAMES,
      description =
          "Frames in the backlog of the pass-through and end-to-end phases, rounded up to whole"
              + " steps of the fleet (default: ${DEFAULT-VALUE}).")
  long frames;

  @Option(
      names = "--warmup-frames",
      defaultValue = "" + BenchOptions.DEFAULT_WARMUP_FRAMES,
      description =
          "Frames of a separate backlog run through a pass-through and a Vigil application before"
              + " the measured phases, so that they measure a warm JVM (JIT compilation takes a"
              + " third of the CPU for the first minute); 0 for none (default: ${DEFAULT-VALUE}).")
  long warmupFrames;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      description = "How long the latency phase sends live frames (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--latency-rate",
      description =
          "Frames/s of the latency phase (default: half the best end-to-end rate measured).")
  Double latencyRate;

  @Option(
      names = "--guarantee",
      defaultValue = "exactly_once_v2",
      description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(
      names = "--provider",
      defaultValue = "cpu",
      description = "cpu, cuda or auto (default: ${DEFAULT-VALUE}).")
  String provider;

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "64,256",
      description =
          "vigil.inference.max-batch-size values swept by the inference and end-to-end phases"
              + " (default: ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(
      names = "--skip",
      description = "Phases to leave out, comma-separated: passthrough, inference, e2e, latency.")
  String skip;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A vigil.* or kafka.* setting for every stream application of the run (repeatable),"
              + " e.g. --set vigil.commit.interval.ms=100.")
  Map<String, String> settings = Map.of();

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Simulator and training seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work-dir",
      defaultValue = "vigil-work/bench",
      description =
          "Broker data and state (wiped at start and end), models and the report (default:"
              + " ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--report",
      description = "The JSON report (default: <work-dir>/bench-report.json).")
  Path report;

  @Override
  public Integer call() throws Exception {
    // Checked before BenchRunner, which starts the embedded broker, is loaded.
    DeveloperModule.EMBEDDED_BROKER.require("bench");
    PrintWriter out = spec.commandLine().getOut();
    BenchOptions options = options();
    BenchReport result =
        new BenchRunner(options, Progress.on(out, System.console() != null), Clock.systemUTC())
            .run();
    out.println("report: " + options.report().toAbsolutePath());
    out.println(result.summary().line());
    out.flush();
    return 0;
  }

  private BenchOptions options() {
    if (modelFile != null && spec.commandLine().getParseResult().hasMatchedOption("--model")) {
      throw new IllegalArgumentException("--model and --model-file exclude each other");
    }
    boolean exactlyOnce =
        switch (guarantee) {
          case "exactly_once_v2" -> true;
          case "at_least_once" -> false;
          default ->
              throw new IllegalArgumentException(
                  "--guarantee '"
                      + guarantee
                      + "' is unknown, expected exactly_once_v2 or"
                      + " at_least_once");
        };
    ExecutionProvider p;
    try {
      p = ExecutionProvider.parse(provider);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--provider: " + e.getMessage(), e);
    }
    return new BenchOptions(
        modelFile != null ? ModelChoice.FILE : ModelChoice.parse(model),
        modelFile,
        devices,
        channels,
        window,
        stride,
        partitions,
        frames,
        warmupFrames,
        duration,
        0.5,
        latencyRate == null ? 0 : latencyRate,
        exactlyOnce,
        p,
        batchSizes,
        Phase.parseList(skip),
        workDir,
        report != null ? report : workDir.resolve("bench-report.json"),
        seed,
        settings);
  }
}
