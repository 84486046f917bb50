package io.vigil.bench.phase;

import io.vigil.app.VigilApp;
import io.vigil.app.config.InputFormat;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.EndToEndResult;
import io.vigil.bench.stats.OutputTiming;
import io.vigil.bench.stats.ThreadCpu;
import io.vigil.bench.stats.Throughput;
import io.vigil.inference.runtime.ExecutionProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * Phase (c): Vigil at saturation. The application starts on the pre-loaded frames topic (a fresh
 * application id, so it reads from the beginning) with its own output topics, and is timed from the
 * first to the last score record a read_committed consumer receives: the backlog's frames divided
 * by that interval. The expected number of windows is known in advance ({@link
 * io.vigil.bench.stats.WindowCount}), which tells when the last score has come.
 */
public final class EndToEndPhase {
  private EndToEndPhase() {}

  /**
   * The run's settings for one batch size.
   *
   * @param modelFile the model
   * @param provider the execution provider
   * @param batch {@code vigil.inference.max-batch-size}
   * @param name distinguishes this run's application id and topics, e.g. {@code e2e-b64}
   * @param framesTopic the frames topic, under {@link BenchCluster#TOPIC_PREFIX}
   */
  public record Run(
      Path modelFile, ExecutionProvider provider, int batch, String name, String framesTopic) {}

  /**
   * The configuration of one Vigil application of the bench: its own topics under {@code
   * bench.<name>.}, except the frames topic, which is given.
   *
   * @param cluster the broker and shared settings
   * @param run the run
   * @return the configuration
   */
  public static VigilConfig config(BenchCluster cluster, Run run) {
    String prefix = BenchCluster.TOPIC_PREFIX;
    if (!run.framesTopic().startsWith(prefix)) {
      throw new IllegalArgumentException(
          "frames topic " + run.framesTopic() + " is not under " + prefix);
    }
    return cluster.config(
        "bench-" + run.name(),
        "vigil.model.path",
        run.modelFile().toString(),
        "vigil.inference.provider",
        run.provider().configName(),
        "vigil.inference.max-batch-size",
        Integer.toString(run.batch()),
        "vigil.input.format",
        "avro",
        "vigil.topic.prefix",
        prefix,
        "vigil.topic.frames",
        run.framesTopic().substring(prefix.length()),
        "vigil.topic.readings",
        run.name() + ".readings",
        "vigil.topic.policies",
        run.name() + ".policies",
        "vigil.topic.policies-active",
        run.name() + ".policies-active",
        "vigil.topic.scores",
        run.name() + ".scores",
        "vigil.topic.anomalies",
        run.name() + ".anomalies",
        "vigil.topic.dead-letter",
        run.name() + ".dead-letter");
  }

  /**
   * Creates the run's topics that do not exist yet. The bench creates every phase's topics before
   * it loads the backlog: on a topic created a moment before an application starts, its first
   * transactional sends can meet NOT_LEADER answers and out-of-order sequence retries, which the
   * measurement would include.
   *
   * @param cluster the broker and shared settings
   * @param run the run
   */
  public static void createTopics(BenchCluster cluster, Run run)
      throws InterruptedException, ExecutionException {
    VigilConfig config = config(cluster, run);
    TopicCatalogue.of(config.topics(), InputFormat.AVRO)
        .createMissing(cluster.admin(), cluster.partitions(), (short) 1);
  }

  /**
   * Runs Vigil over the backlog.
   *
   * @param cluster the broker and shared settings
   * @param run the run's settings
   * @param frames frames in the backlog
   * @param windowsExpected score records the backlog yields
   * @param progress where to show it
   * @return the result
   */
  public static EndToEndResult run(
      BenchCluster cluster, Run run, long frames, long windowsExpected, Progress progress)
      throws InterruptedException, ExecutionException, java.io.IOException {
    return run(cluster, run, frames, windowsExpected, "e2e b=" + run.batch(), progress);
  }

  /**
   * Runs Vigil over a backlog, shown under {@code label}.
   *
   * @param cluster the broker and shared settings
   * @param run the run's settings
   * @param frames frames in the backlog
   * @param windowsExpected score records the backlog yields
   * @param label the progress label
   * @param progress where to show it
   * @return the result
   */
  public static EndToEndResult run(
      BenchCluster cluster,
      Run run,
      long frames,
      long windowsExpected,
      String label,
      Progress progress)
      throws InterruptedException, ExecutionException, java.io.IOException {
    long phaseStart = System.nanoTime();
    VigilConfig config = config(cluster, run);
    TopicCatalogue topics = TopicCatalogue.of(config.topics(), InputFormat.AVRO);
    createTopics(cluster, run);
    progress.start(label, windowsExpected, "windows");
    try (OutputReader reader =
        new OutputReader(cluster.bootstrapServers(), List.of(topics.scores().name()))) {
      long appStart = System.nanoTime();
      ThreadCpu cpuAtStart = ThreadCpu.now();
      ThreadCpu.Spent cpu;
      double inferenceWait;
      try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
        Saturation.await(
            reader,
            windowsExpected,
            cluster,
            config.applicationId(),
            run.framesTopic(),
            () -> app.state().isRunningOrRebalancing(),
            progress);
        // Before the application closes: its threads' CPU time goes with them.
        cpu = ThreadCpu.now().since(cpuAtStart);
        inferenceWait = app.metrics().inferenceWaitSeconds();
      }
      if (reader.records() == 0) {
        throw new IllegalStateException(
            "application " + config.applicationId() + " scored no window of the backlog");
      }
      OutputTiming.Timed timed =
          OutputTiming.of(
              frames,
              appStart,
              reader.firstNanos(),
              reader.lastNanos(),
              Saturation.minInterval(config));
      Throughput steady = timed.throughput();
      Throughput fromStart = new Throughput(frames, reader.lastNanos() - appStart);
      progress.finish(
          String.format(
              Locale.ROOT,
              "%,d of %,d windows; %,.0f frames/s (%s; %,.0f from start); stream thread"
                  + " %.2f CPU-us/frame, process %.2f; waited %.1f s for the model",
              reader.records(),
              windowsExpected,
              steady.perSecond(),
              timed.basis(),
              fromStart.perSecond(),
              cpu.streamMicrosPerFrame(frames),
              cpu.processMicrosPerFrame(frames),
              inferenceWait));
      return new EndToEndResult(
          run.batch(),
          frames,
          windowsExpected,
          reader.records(),
          steady.seconds(),
          steady.perSecond(),
          timed.basis(),
          fromStart.seconds(),
          fromStart.perSecond(),
          (System.nanoTime() - phaseStart) / 1e9,
          cpu.streamSeconds(),
          cpu.processSeconds(),
          cpu.streamMicrosPerFrame(frames),
          inferenceWait);
    }
  }
}
