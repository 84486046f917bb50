package io.vigil.bench.phase;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.PassthroughResult;
import io.vigil.bench.stats.OutputTiming;
import io.vigil.bench.stats.ThreadCpu;
import io.vigil.bench.stats.Throughput;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Phase (a): what Kafka Streams itself achieves on this broker and topic layout. A trivial topology
 * reads the frames topic as bytes and writes every record, unchanged, to an output topic with as
 * many partitions; its Kafka Streams properties are Vigil's own ({@link
 * VigilApp#streamsProperties}), so the guarantee, the commit interval and any extra client settings
 * are the same as in phase (c).
 */
public final class PassthroughPhase {
  /** The output topic. */
  public static final String OUTPUT = BenchCluster.TOPIC_PREFIX + "passthrough.out";

  private PassthroughPhase() {}

  /**
   * The pass-through topology.
   *
   * @param input the frames topic
   * @param output the output topic
   * @return the topology
   */
  public static Topology buildTopology(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }

  /**
   * Creates the output topic (before the backlog is loaded; see {@link
   * EndToEndPhase#createTopics}).
   *
   * @param cluster the broker
   */
  public static void createTopics(BenchCluster cluster)
      throws InterruptedException, ExecutionException {
    cluster.createTopics(List.of(OUTPUT));
  }

  /**
   * Runs the pass-through over the whole backlog.
   *
   * @param cluster the broker and shared settings
   * @param framesTopic the pre-loaded frames topic
   * @param frames records in it
   * @param progress where to show it
   * @return the result
   */
  public static PassthroughResult run(
      BenchCluster cluster, String framesTopic, long frames, Progress progress)
      throws InterruptedException, ExecutionException {
    return run(cluster, framesTopic, OUTPUT, "passthrough", frames, progress);
  }

  /**
   * Runs a pass-through over a backlog into its own output topic, under its own application id.
   *
   * @param cluster the broker and shared settings
   * @param framesTopic the pre-loaded frames topic
   * @param output the output topic, already created
   * @param name the application id's suffix and the progress label
   * @param frames records in the frames topic
   * @param progress where to show it
   * @return the result
   */
  public static PassthroughResult run(
      BenchCluster cluster,
      String framesTopic,
      String output,
      String name,
      long frames,
      Progress progress)
      throws InterruptedException, ExecutionException {
    long phaseStart = System.nanoTime();
    String applicationId = "bench-" + name;
    VigilConfig config = cluster.config(applicationId);
    progress.start(name, frames, "frames");
    try (OutputReader reader = new OutputReader(cluster.bootstrapServers(), List.of(output))) {
      KafkaStreams streams =
          new KafkaStreams(
              buildTopology(framesTopic, output),
              VigilApp.streamsProperties(config, new VigilMetrics()));
      CountDownLatch running = new CountDownLatch(1);
      streams.setStateListener(
          (now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
              running.countDown();
            }
          });
      long appStart = System.nanoTime();
      ThreadCpu cpuAtStart = ThreadCpu.now();
      ThreadCpu.Spent cpu;
      streams.start();
      try {
        if (!running.await(2, TimeUnit.MINUTES)) {
          throw new IllegalStateException(
              "the pass-through application did not reach RUNNING (state " + streams.state() + ")");
        }
        Saturation.await(
            reader,
            frames,
            cluster,
            applicationId,
            framesTopic,
            () -> streams.state().isRunningOrRebalancing(),
            progress);
        cpu = ThreadCpu.now().since(cpuAtStart);
      } finally {
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
      }
      OutputTiming.Timed timed =
          OutputTiming.of(
              reader.records(),
              appStart,
              reader.firstNanos(),
              reader.lastNanos(),
              Saturation.minInterval(config));
      Throughput steady = timed.throughput();
      Throughput fromStart = new Throughput(reader.records(), reader.lastNanos() - appStart);
      progress.finish(
          String.format(
              Locale.ROOT,
              "%,d frames copied, %,.0f frames/s (%s); stream thread %.2f CPU-us/frame,"
                  + " process %.2f",
              reader.records(),
              steady.perSecond(),
              timed.basis(),
              cpu.streamMicrosPerFrame(reader.records()),
              cpu.processMicrosPerFrame(reader.records())));
      return new PassthroughResult(
          reader.records(),
          steady.seconds(),
          steady.perSecond(),
          timed.basis(),
          fromStart.seconds(),
          (System.nanoTime() - phaseStart) / 1e9,
          cpu.streamMicrosPerFrame(reader.records()),
          cpu.processMicrosPerFrame(reader.records()));
    }
  }
}
