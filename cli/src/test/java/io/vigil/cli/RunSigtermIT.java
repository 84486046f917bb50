package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.model.linear.SimulatedFleetModels;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run} in its own JVM, stopped with SIGTERM once it has consumed its input: it exits 0
 * within the bound, its consumer group is empty at once (it left, nobody waits out a session
 * timeout), and every score it emitted is committed, exactly once. The JVM runs on the container
 * image's class path ({@link ImageClassPath}), so this is also the proof that the image, without
 * the embedded broker and Kafka's server jars, runs {@code vigil run}.
 */
class RunSigtermIT {
  private static final Pattern STOPPED =
      Pattern.compile(
          "vigil run: stopped in (\\d+) ms \\(application NOT_RUNNING; frames=(\\d+)"
              + " scores=(\\d+)\\)");

  @TempDir Path dir;

  @Test
  void sigtermStopsCleanlyWithinTheBoundAndCommitsEveryScore() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.defaults(dir.resolve("broker")))) {
      Path model = dir.resolve("model.onnx");
      SimulatedFleetModels.pca(model, 42, 8, 2, 4);
      Path file = dir.resolve("run.properties");
      Files.write(
          file,
          List.of(
              "vigil.bootstrap.servers=" + broker.bootstrapServers(),
              "vigil.application.id=sigterm",
              "vigil.state.dir=" + dir.resolve("state"),
              "vigil.model.path=" + model,
              "vigil.commit.interval.ms=200",
              "vigil.http.port=-1"));
      VigilConfig config = ConfigFiles.load(file);
      TopicCatalogue topics = TopicCatalogue.of(config.topics(), config.inputFormat());
      Map<String, Object> client =
          Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      int frames = 0;
      try (Admin admin = Admin.create(client)) {
        topics.createMissing(admin, 2, (short) 1);
        FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(3, 11));
        try (FramePublisher publisher =
            new FramePublisher(broker.bootstrapServers(), topics.frames(), Map.of())) {
          for (int k = 0; k < 200; k++) {
            fleet.nextStep().forEach(publisher::send);
          }
          publisher.flush();
          frames = (int) publisher.sent();
        }

        Path log = dir.resolve("run.log");
        Process run = start(file, log);
        try {
          awaitInputCommitted(admin, topics.frames().name(), run, log);
          long signalled = System.nanoTime();
          run.destroy(); // SIGTERM
          assertThat(run.waitFor(Shutdown.BOUND.toSeconds() + 10, TimeUnit.SECONDS))
              .as("exited within the bound")
              .isTrue();
          Duration took = Duration.ofNanos(System.nanoTime() - signalled);
          String output = Files.readString(log);
          assertThat(run.exitValue()).as(output).isZero();
          assertThat(took).as(output).isLessThan(Duration.ofSeconds(30));

          Matcher stopped = STOPPED.matcher(output);
          assertThat(stopped.find()).as(output).isTrue();
          assertThat(Integer.parseInt(stopped.group(2))).isEqualTo(frames);
          int emitted = Integer.parseInt(stopped.group(3));
          // The figure the README quotes.
          System.out.println(
              "RunSigtermIT: " + stopped.group() + "; SIGTERM to exit " + took.toMillis() + " ms");
          assertThat(emitted).isPositive();

          assertThat(
                  admin
                      .describeConsumerGroups(List.of("sigterm"))
                      .all()
                      .get()
                      .get("sigterm")
                      .members())
              .as("the group was left")
              .isEmpty();
          assertThat(committedScores(broker.bootstrapServers(), admin, topics))
              .as("committed scores")
              .hasSize(emitted);
        } finally {
          run.destroyForcibly();
        }
      }
    }
  }

  private static Process start(Path config, Path log) throws Exception {
    return ImageClassPath.vigil("run", "--config", config.toString())
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the application's group has committed the end of every frames partition. */
  private static void awaitInputCommitted(Admin admin, String topic, Process run, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    while (true) {
      assertThat(run.isAlive()).as(() -> read(log)).isTrue();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets("sigterm").partitionsToOffsetAndMetadata().get();
      boolean done =
          ends.entrySet().stream()
              .allMatch(
                  e ->
                      committed.get(e.getKey()) != null
                          && committed.get(e.getKey()).offset() >= e.getValue());
      if (done) {
        return;
      }
      assertThat(System.nanoTime())
          .as(() -> "input not consumed: " + read(log))
          .isLessThan(deadline);
      // Each check is a round trip to the broker; a short pause keeps them from spinning.
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  /** The committed scores, read to the end of the topic; each window once. */
  private static Set<String> committedScores(String bootstrap, Admin admin, TopicCatalogue topics)
      throws Exception {
    String topic = topics.scores().name();
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    Set<String> windows = new HashSet<>();
    int records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          WindowScore s = topics.scores().valueSerde().deserializer().deserialize(topic, r.value());
          windows.add(s.getDeviceId() + "@" + s.getWindowEnd());
          records++;
        }
      }
    }
    assertThat(records).as("no window twice").isEqualTo(windows.size());
    return windows;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
