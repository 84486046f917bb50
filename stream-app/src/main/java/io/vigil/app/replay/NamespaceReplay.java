package io.vigil.app.replay;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.TelemetryFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A replay into an isolated namespace, end to end: creates the namespace's topics (records kept
 * forever, so old event times are not deleted mid-run), starts the namespace's own stream
 * application, publishes the frames ({@link ReplayPublisher}), waits until the application has
 * consumed them all and every window it cut is scored and committed, stops it, and reads back the
 * namespace's anomaly events. Also lists and deletes namespaces.
 */
public final class NamespaceReplay {
  private static final Duration POLL = Duration.ofMillis(100);

  /**
   * What a namespace replay did.
   *
   * @param namespace the namespace
   * @param publish what the publisher did (resumed, published, total)
   * @param scores window scores the namespace's application committed in this run
   * @param events every anomaly event in the namespace, this run's and earlier ones', in order
   * @param seconds wall-clock time of the run
   */
  public record Result(
      ReplayNamespace namespace,
      ReplayPublisher.Outcome publish,
      long scores,
      List<AnomalyEvent> events,
      double seconds) {

    /** Copies the events. */
    public Result {
      events = List.copyOf(events);
    }
  }

  private final VigilConfig live;
  private final ReplayNamespace namespace;
  private final Map<String, Object> client;

  /**
   * Prepares a replay.
   *
   * @param live the live configuration (cluster, model, detection settings, topic names)
   * @param namespace the namespace
   */
  public NamespaceReplay(VigilConfig live, ReplayNamespace namespace) {
    this.live = live;
    this.namespace = namespace;
    this.client = clientProperties(live);
  }

  /**
   * Runs the replay.
   *
   * @param frames the frames in replay order
   * @param sourceHash identifies the data, for resuming
   * @param pace how fast to publish
   * @param partitions partitions of the namespace's topics when they are created
   * @param replication their replication factor
   * @param listener told as frames are committed
   * @param timeout the longest to wait for the application to catch up after the last frame
   * @return the outcome
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the cluster refuses an admin request
   * @throws IOException when the application cannot start
   */
  public Result run(
      List<TelemetryFrame> frames,
      String sourceHash,
      Pace pace,
      int partitions,
      short replication,
      ReplayPublisher.Listener listener,
      Duration timeout)
      throws InterruptedException, ExecutionException, IOException {
    long started = System.nanoTime();
    VigilConfig config = namespace.config(live);
    TopicCatalogue topics =
        TopicCatalogue.of(config.topics(), config.inputFormat(), config.outputs());
    String progressTopic = ReplayNamespace.progressTopic(live.topics());
    try (Admin admin = Admin.create(client)) {
      prepareTopics(admin, topics, progressTopic, partitions, replication);
    }
    List<TopicPartition> scorePartitions = partitions(topics.scores().name());
    Map<TopicPartition, Long> scoresBefore = committedEnd(scorePartitions);
    ReplayPublisher.Outcome outcome;
    long scores;
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      outcome =
          new ReplayPublisher(
                  live.bootstrapServers(),
                  live.kafka(),
                  topics.frames(),
                  progressTopic,
                  namespace.progressKey())
              .publish(frames, sourceHash, pace, listener);
      scores = awaitDrained(app, config, topics, scoresBefore, timeout);
    }
    List<AnomalyEvent> events = readAll(topics.anomalies());
    return new Result(namespace, outcome, scores, events, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Waits until the namespace's application has committed its position at the end of the frames
   * topic, holds no queued window, and every score it emitted is committed to the scores topic.
   *
   * @return the scores committed during the run
   */
  private long awaitDrained(
      VigilApp app,
      VigilConfig config,
      TopicCatalogue topics,
      Map<TopicPartition, Long> scoresBefore,
      Duration timeout)
      throws InterruptedException, ExecutionException {
    List<TopicPartition> framePartitions = partitions(topics.frames().name());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(client);
        KafkaConsumer<byte[], byte[]> scores = committedReader()) {
      scores.assign(scoresBefore.keySet());
      scoresBefore.forEach(scores::seek);
      long committedScores = 0;
      while (true) {
        for (ConsumerRecord<byte[], byte[]> ignored : scores.poll(POLL)) {
          committedScores++;
        }
        boolean consumed = consumedToEnd(admin, config.applicationId(), framePartitions);
        boolean scored = app.metrics().queuedWindowCount() == 0;
        if (consumed && scored && committedScores >= app.metrics().scoresEmittedCount()) {
          return committedScores;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "replay '"
                  + namespace.name()
                  + "': the namespace's application did not catch up within "
                  + timeout
                  + " (input consumed: "
                  + consumed
                  + ", windows queued: "
                  + (long) app.metrics().queuedWindowCount()
                  + ", scores committed "
                  + committedScores
                  + " of "
                  + (long) app.metrics().scoresEmittedCount()
                  + ")");
        }
      }
    }
  }

  private boolean consumedToEnd(Admin admin, String group, List<TopicPartition> partitions)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    try (KafkaConsumer<byte[], byte[]> reader = committedReader()) {
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      for (TopicPartition p : partitions) {
        OffsetAndMetadata c = committed.get(p);
        long position = c == null ? 0 : c.offset();
        if (position < end.get(p)) {
          return false;
        }
      }
      return true;
    }
  }

  private void prepareTopics(
      Admin admin, TopicCatalogue topics, String progressTopic, int partitions, short replication)
      throws InterruptedException, ExecutionException {
    topics.createMissing(admin, partitions, replication);
    // Replayed records carry their old event times: keep them whatever their age.
    Map<ConfigResource, Collection<AlterConfigOp>> keep = new HashMap<>();
    for (Topic<?, ?> t : topics.all()) {
      if (!t.compacted()) {
        keep.put(
            new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
                    AlterConfigOp.OpType.SET)));
      }
    }
    admin.incrementalAlterConfigs(keep).all().get();
    ReplayPublisher.ensureProgressTopic(admin, progressTopic, replication);
  }

  /**
   * Lists the namespaces that have topics on the cluster.
   *
   * @param live the live configuration
   * @return the namespace names, sorted
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the cluster refuses
   */
  public static List<String> list(VigilConfig live)
      throws InterruptedException, ExecutionException {
    String prefix = live.topics().prefix() + ReplayNamespace.SEGMENT;
    String suffix = "." + live.topics().frames();
    try (Admin admin = Admin.create(clientProperties(live))) {
      return admin.listTopics().names().get().stream()
          .filter(t -> t.startsWith(prefix) && t.endsWith(suffix))
          .map(t -> t.substring(prefix.length(), t.length() - suffix.length()))
          .sorted()
          .toList();
    }
  }

  /**
   * Deletes a namespace: its topics, its application's internal topics and consumer group, its
   * progress record and its local state. Live topics are never touched.
   *
   * @return the topics deleted
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the cluster refuses
   * @throws IOException when the local state cannot be deleted
   */
  public List<String> delete() throws InterruptedException, ExecutionException, IOException {
    String prefix = namespace.topicPrefix(live.topics());
    String internal = namespace.applicationId(live) + "-";
    List<String> deleted;
    try (Admin admin = Admin.create(client)) {
      deleted =
          admin.listTopics().names().get().stream()
              .filter(t -> t.startsWith(prefix) || t.startsWith(internal))
              .sorted()
              .toList();
      if (!deleted.isEmpty()) {
        admin.deleteTopics(deleted).all().get();
      }
      try {
        admin.deleteConsumerGroups(List.of(namespace.applicationId(live))).all().get();
      } catch (ExecutionException e) {
        // No group: the namespace's application never committed.
      }
    }
    tombstoneProgress();
    Path state = namespace.stateDir(live);
    if (Files.exists(state)) {
      try (Stream<Path> walk = Files.walk(state)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return deleted;
  }

  private void tombstoneProgress() throws InterruptedException, ExecutionException {
    Map<String, Object> props = new HashMap<>(client);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  ReplayNamespace.progressTopic(live.topics()), namespace.progressKey(), null))
          .get();
    }
  }

  private List<TopicPartition> partitions(String topic) {
    try (KafkaConsumer<byte[], byte[]> reader = committedReader()) {
      List<TopicPartition> partitions = new ArrayList<>();
      reader
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      return partitions;
    }
  }

  private Map<TopicPartition, Long> committedEnd(List<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> reader = committedReader()) {
      return new HashMap<>(reader.endOffsets(partitions));
    }
  }

  /** Every committed record of a topic, in partition order. */
  private <V> List<V> readAll(Topic<String, V> topic) {
    List<TopicPartition> partitions = partitions(topic.name());
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> reader = committedReader()) {
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL)) {
          out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
        }
      }
    }
    return out;
  }

  private KafkaConsumer<byte[], byte[]> committedReader() {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<String, Object> clientProperties(VigilConfig live) {
    Map<String, Object> props = new HashMap<>(live.kafka());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, live.bootstrapServers());
    return props;
  }
}
