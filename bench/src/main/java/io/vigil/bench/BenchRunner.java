package io.vigil.bench;

import io.vigil.bench.fleet.FleetData;
import io.vigil.bench.fleet.WideFleet;
import io.vigil.bench.model.BenchModels;
import io.vigil.bench.model.ModelChoice;
import io.vigil.bench.model.PreparedModel;
import io.vigil.bench.phase.Backlog;
import io.vigil.bench.phase.BenchCluster;
import io.vigil.bench.phase.EndToEndPhase;
import io.vigil.bench.phase.InferencePhase;
import io.vigil.bench.phase.LatencyPhase;
import io.vigil.bench.phase.PassthroughPhase;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.BenchReport;
import io.vigil.bench.report.EndToEndResult;
import io.vigil.bench.report.InferenceResult;
import io.vigil.bench.report.LatencyResult;
import io.vigil.bench.report.PassthroughResult;
import io.vigil.bench.report.Summary;
import io.vigil.bench.stats.WindowCount;
import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.export.VigilVersion;
import io.vigil.simulate.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Runs a bench: prepares the model, starts an embedded broker under the work directory, pre-loads
 * the backlog, runs the phases that are not skipped in the order (a) pass-through, (b) inference,
 * (c) end to end per batch size, (d) latency, and writes the JSON report. Everything runs in this
 * JVM, on this machine, one phase at a time, so the phases compete for the CPUs with nothing but
 * the broker.
 *
 * <p>The broker's data and the applications' state are wiped at the start and the end of a run:
 * every run measures a fresh broker with the same topics. Models and the report are kept.
 */
public final class BenchRunner {
  /** The frames topic of phases (a) and (c). */
  public static final String FRAMES_TOPIC = BenchCluster.TOPIC_PREFIX + "frames";

  /** The warm-up's frames topic, and its fleet's seed relative to the measured one. */
  private static final String WARMUP_TOPIC = BenchCluster.TOPIC_PREFIX + "warmup.frames";

  private static final long WARMUP_SEED_OFFSET = 1_000;

  /** Windows in the pool the inference phase scores from. */
  private static final int WINDOW_POOL = 1024;

  private static final Duration INFERENCE_WARMUP = Duration.ofSeconds(1);
  private static final Duration INFERENCE_MEASURE = Duration.ofSeconds(3);
  private static final Duration MAX_LATENCY_WARMUP = Duration.ofSeconds(10);

  private final BenchOptions options;
  private final Progress progress;
  private final Clock clock;
  private final Map<String, Double> timings = new LinkedHashMap<>();

  /**
   * Creates a runner.
   *
   * @param options what to run
   * @param progress where to show progress
   * @param clock the wall clock of the latency phase and the report's start time
   */
  public BenchRunner(BenchOptions options, Progress progress, Clock clock) {
    this.options = options;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Runs the bench and writes the report to {@link BenchOptions#report()}.
   *
   * @return the report
   */
  public BenchReport run() throws IOException, InterruptedException, ExecutionException {
    String startedAt = clock.instant().toString();
    long runStart = System.nanoTime();
    Path workDir = options.workDir().toAbsolutePath();
    Files.createDirectories(workDir);
    Path brokerDir = workDir.resolve("broker");
    Path stateDir = workDir.resolve("state");
    deleteTree(brokerDir);
    deleteTree(stateDir);

    PreparedModel prepared = timed("model", this::prepareModel);
    ModelMetadata metadata;
    ExecutionProvider providerInUse;
    try (OnnxModel probe =
        OnnxModel.load(
            prepared.file(), InferenceSettings.defaults().withProvider(options.provider()))) {
      metadata = probe.metadata();
      providerInUse = probe.provider();
    }
    List<String> channels = metadata.features();
    progress.note(
        String.format(
            Locale.ROOT,
            "model %s %s (%s, W=%d, S=%d, %d channels) from %s, provider %s",
            metadata.modelId(),
            metadata.modelVersion(),
            metadata.kind(),
            metadata.window(),
            metadata.stride(),
            channels.size(),
            prepared.file(),
            providerInUse.configName()));

    PassthroughResult passthrough = null;
    List<InferenceResult> inference = new ArrayList<>();
    List<EndToEndResult> endToEnd = new ArrayList<>();
    LatencyResult latency = null;
    Map<String, String> appConfig;
    long steps = options.stepsPerDevice();
    long frames = steps * options.devices();

    try (EmbeddedKafkaBroker broker =
            timed(
                "broker start",
                () -> EmbeddedKafkaBroker.start(BrokerSettings.defaults(brokerDir)));
        BenchCluster cluster =
            new BenchCluster(
                broker.bootstrapServers(),
                options.partitions(),
                options.exactlyOnce(),
                options.appSettings(),
                stateDir)) {
      appConfig = cluster.sharedSettings();
      EndToEndPhase.Run live = liveRun(prepared);
      timed("topics", () -> createTopics(cluster, prepared, live));
      if (options.runs(Phase.PASSTHROUGH) || options.runs(Phase.E2E)) {
        WideFleet fleet =
            new WideFleet(SimulatorSettings.defaults(options.devices(), options.seed()), channels);
        timed(
            "backlog",
            () -> Backlog.load(broker.bootstrapServers(), FRAMES_TOPIC, fleet, steps, progress));
        if (options.warmupFrames() > 0) {
          timed("warm-up", () -> warmUp(cluster, prepared, metadata, channels));
        }
      }
      if (options.runs(Phase.PASSTHROUGH)) {
        passthrough =
            timed(
                "passthrough", () -> PassthroughPhase.run(cluster, FRAMES_TOPIC, frames, progress));
      }
      if (options.runs(Phase.INFERENCE)) {
        float[] pool = FleetData.windows(WINDOW_POOL, metadata.window(), channels, options.seed());
        for (int batch : options.batchSizes()) {
          InferencePhase.Measured m =
              timed(
                  "inference b=" + batch,
                  () ->
                      InferencePhase.run(
                          prepared.file(),
                          options.provider(),
                          batch,
                          pool,
                          INFERENCE_WARMUP,
                          INFERENCE_MEASURE,
                          progress));
          inference.add(m.result());
          providerInUse = m.provider();
        }
      }
      if (options.runs(Phase.E2E)) {
        long windows = expectedWindows(cluster, prepared, metadata, steps);
        for (int batch : options.batchSizes()) {
          EndToEndPhase.Run run = e2eRun(prepared, batch);
          endToEnd.add(
              timed(
                  "e2e b=" + batch,
                  () -> EndToEndPhase.run(cluster, run, frames, windows, progress)));
        }
      }
      if (options.runs(Phase.LATENCY)) {
        latency = timed("latency", () -> latency(cluster, live, channels, endToEnd));
      }
    } finally {
      deleteTree(brokerDir);
      deleteTree(stateDir);
    }
    timings.put("total", (System.nanoTime() - runStart) / 1e9);

    Summary summary = Summary.of(endToEnd, passthrough, inference, latency);
    BenchReport report =
        new BenchReport(
            VigilVersion.get(),
            startedAt,
            BenchReport.Machine.current(),
            new BenchReport.Settings(
                options.devices(),
                channels.size(),
                options.partitions(),
                frames,
                steps,
                options.warmupStepsPerDevice() * options.devices(),
                options.duration().toMillis() / 1000.0,
                options.latencyFraction(),
                options.latencyRate(),
                options.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
                options.provider().configName(),
                options.batchSizes(),
                options.skip().stream().map(Phase::id).toList(),
                options.seed()),
            new BenchReport.ModelInfo(
                prepared.choice().id(),
                prepared.file().toString(),
                metadata.modelId(),
                metadata.modelVersion(),
                metadata.kind(),
                channels,
                metadata.window(),
                metadata.stride(),
                providerInUse.configName(),
                prepared.seconds(),
                prepared.note()),
            appConfig,
            passthrough,
            inference,
            endToEnd,
            latency,
            summary,
            timings);
    report.write(options.report());
    return report;
  }

  /**
   * Runs a separate backlog (another seed) through a pass-through and a Vigil application, whose
   * figures are not kept: the measured phases then run on a JVM whose JIT compiler has done most of
   * its work, as in an application that has been up for a while.
   */
  private Void warmUp(
      BenchCluster cluster, PreparedModel prepared, ModelMetadata metadata, List<String> channels)
      throws IOException, InterruptedException, ExecutionException {
    long steps = options.warmupStepsPerDevice();
    long frames = steps * options.devices();
    String warmupOutput = BenchCluster.TOPIC_PREFIX + "warmup.passthrough.out";
    cluster.createTopics(List.of(WARMUP_TOPIC, warmupOutput));
    WideFleet fleet =
        new WideFleet(
            SimulatorSettings.defaults(options.devices(), options.seed() + WARMUP_SEED_OFFSET),
            channels);
    Backlog.load(cluster.bootstrapServers(), WARMUP_TOPIC, fleet, steps, progress);
    if (options.runs(Phase.PASSTHROUGH)) {
      PassthroughPhase.run(
          cluster, WARMUP_TOPIC, warmupOutput, "warmup-passthrough", frames, progress);
    }
    if (options.runs(Phase.E2E)) {
      EndToEndPhase.Run run =
          new EndToEndPhase.Run(
              prepared.file(),
              options.provider(),
              options.batchSizes().get(options.batchSizes().size() - 1),
              "warmup",
              WARMUP_TOPIC);
      EndToEndPhase.run(
          cluster,
          run,
          frames,
          expectedWindows(cluster, prepared, metadata, steps),
          "warm-up e2e",
          progress);
    }
    return null;
  }

  private PreparedModel prepareModel() throws IOException {
    if (options.model() == ModelChoice.FILE) {
      return new PreparedModel(options.modelFile(), ModelChoice.FILE, 0, "given model file");
    }
    return BenchModels.prepare(
        options.model(),
        options.workDir().resolve("models"),
        WideFleet.defaultChannels(options.channels()),
        options.window(),
        options.stride(),
        options.seed(),
        progress);
  }

  /**
   * The windows the backlog yields: the fleet steps one second at a time, and the frames within the
   * reorder grace of each device's last frame stay buffered.
   */
  private long expectedWindows(
      BenchCluster cluster, PreparedModel prepared, ModelMetadata metadata, long steps) {
    var detection =
        cluster.config("bench-probe", "vigil.model.path", prepared.file().toString()).detection();
    long spacing = SimulatorSettings.defaults(options.devices(), options.seed()).step().toMillis();
    int held = WindowCount.heldFrames(detection.graceMillis(), detection.stepMillis(), spacing);
    return options.devices()
        * WindowCount.perDevice(steps, metadata.window(), metadata.stride(), held);
  }

  private EndToEndPhase.Run e2eRun(PreparedModel prepared, int batch) {
    return new EndToEndPhase.Run(
        prepared.file(), options.provider(), batch, "e2e-b" + batch, FRAMES_TOPIC);
  }

  /** The latency phase's application, at the batch size given once phase (c) has run. */
  private EndToEndPhase.Run liveRun(PreparedModel prepared) {
    return new EndToEndPhase.Run(
        prepared.file(),
        options.provider(),
        options.batchSizes().get(0),
        "live",
        BenchCluster.TOPIC_PREFIX + "live.frames");
  }

  /** Creates every topic of the run's phases up front (see {@link EndToEndPhase#createTopics}). */
  private Void createTopics(BenchCluster cluster, PreparedModel prepared, EndToEndPhase.Run live)
      throws InterruptedException, ExecutionException {
    if (options.runs(Phase.PASSTHROUGH) || options.runs(Phase.E2E)) {
      cluster.createTopics(List.of(FRAMES_TOPIC));
    }
    if (options.runs(Phase.PASSTHROUGH)) {
      PassthroughPhase.createTopics(cluster);
    }
    if (options.runs(Phase.E2E)) {
      for (int batch : options.batchSizes()) {
        EndToEndPhase.createTopics(cluster, e2eRun(prepared, batch));
      }
    }
    if (options.runs(Phase.LATENCY)) {
      EndToEndPhase.createTopics(cluster, live);
    }
    return null;
  }

  private LatencyResult latency(
      BenchCluster cluster,
      EndToEndPhase.Run liveRun,
      List<String> channels,
      List<EndToEndResult> endToEnd)
      throws IOException, InterruptedException, ExecutionException {
    EndToEndResult best =
        endToEnd.stream().max(Comparator.comparingDouble(EndToEndResult::fps)).orElse(null);
    double rate =
        options.latencyRate() > 0 ? options.latencyRate() : options.latencyFraction() * best.fps();
    int batch = best != null ? best.batchSize() : options.batchSizes().get(0);
    progress.note(
        String.format(
            Locale.ROOT,
            "latency: %,.0f frames/s (%s) for %d s with max batch %d",
            rate,
            options.latencyRate() > 0
                ? "--latency-rate"
                : Math.round(options.latencyFraction() * 100) + " % of the best end-to-end rate",
            options.duration().toSeconds(),
            batch));
    WideFleet live =
        new WideFleet(SimulatorSettings.defaults(options.devices(), options.seed() + 1), channels);
    Duration warmup = options.duration().dividedBy(5);
    if (warmup.compareTo(MAX_LATENCY_WARMUP) > 0) {
      warmup = MAX_LATENCY_WARMUP;
    }
    LatencyPhase.Load load =
        new LatencyPhase.Load(
            new EndToEndPhase.Run(
                liveRun.modelFile(),
                liveRun.provider(),
                batch,
                liveRun.name(),
                liveRun.framesTopic()),
            live,
            rate,
            options.duration(),
            warmup,
            clock);
    return LatencyPhase.run(cluster, load, progress);
  }

  private <T> T timed(String step, Callable<T> work)
      throws IOException, InterruptedException, ExecutionException {
    long start = System.nanoTime();
    try {
      return work.call();
    } catch (IOException | InterruptedException | ExecutionException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(step + " failed", e);
    } finally {
      timings.put(step, (System.nanoTime() - start) / 1e9);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
