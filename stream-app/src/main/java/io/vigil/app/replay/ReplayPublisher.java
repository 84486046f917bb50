package io.vigil.app.replay;

import io.vigil.app.topics.Topic;
import io.vigil.schemas.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a replay's frames to a frames topic in transactions of at most {@value #BATCH} frames,
 * each also writing the replay's progress ({@link ReplayProgress}) to the compacted progress topic.
 * A consumer reading {@code read_committed} (the stream application under exactly once) sees a
 * frame only once its progress is recorded, so a replay interrupted anywhere resumes from the last
 * committed transaction: the transactional id is the replay's, which fences and aborts whatever the
 * interrupted run left open. Every frame keeps its event time as the record timestamp and its
 * device id as the key.
 */
public final class ReplayPublisher {
  /** Frames per transaction when publishing as fast as possible. */
  static final int BATCH = 5000;

  /** Told as frames are committed. */
  @FunctionalInterface
  public interface Listener {
    /** Does nothing. */
    Listener NONE = (done, total) -> {};

    /**
     * Frames committed so far.
     *
     * @param done frames of the replay committed, resumed ones included
     * @param total frames in the replay
     */
    void committed(long done, long total);
  }

  /**
   * What a call to {@link #publish} did.
   *
   * @param resumedFrom frames an earlier run had already committed (0 for a fresh replay)
   * @param published frames this call committed
   * @param total frames in the replay
   */
  public record Outcome(long resumedFrom, long published, long total) {}

  private final Map<String, Object> client;
  private final Topic<String, TelemetryFrame> frames;
  private final String progressTopic;
  private final String key;
  private final int batch;

  /**
   * Creates a publisher.
   *
   * @param bootstrapServers the cluster
   * @param kafka extra client properties (security, timeouts)
   * @param frames the frames topic and its serde
   * @param progressTopic the compacted progress topic
   * @param key the replay's progress key and transactional id
   */
  public ReplayPublisher(
      String bootstrapServers,
      Map<String, String> kafka,
      Topic<String, TelemetryFrame> frames,
      String progressTopic,
      String key) {
    this(bootstrapServers, kafka, frames, progressTopic, key, BATCH);
  }

  ReplayPublisher(
      String bootstrapServers,
      Map<String, String> kafka,
      Topic<String, TelemetryFrame> frames,
      String progressTopic,
      String key,
      int batch) {
    this.batch = batch;
    this.client = new HashMap<>(kafka);
    this.client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.frames = Objects.requireNonNull(frames, "frames");
    this.progressTopic = Objects.requireNonNull(progressTopic, "progressTopic");
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * Publishes the frames not yet committed by an earlier run of this replay.
   *
   * @param replay the frames, in replay order
   * @param sourceHash identifies the data; resuming with other data is refused
   * @param pace how fast
   * @param listener told after each transaction
   * @return what was done
   * @throws IllegalStateException when an earlier run of this replay had other data or another
   *     topic
   * @throws InterruptedException when interrupted while pacing (the open transaction is aborted)
   */
  public Outcome publish(
      List<TelemetryFrame> replay, String sourceHash, Pace pace, Listener listener)
      throws InterruptedException {
    Optional<ReplayProgress> earlier = progress();
    long from = 0;
    if (earlier.isPresent()) {
      ReplayProgress p = earlier.get();
      if (!p.source().equals(sourceHash) || !p.topic().equals(frames.name())) {
        throw new IllegalStateException(
            "replay '"
                + key
                + "' was started with other data or another topic (source "
                + p.source()
                + " into "
                + p.topic()
                + "; now "
                + sourceHash
                + " into "
                + frames.name()
                + "); delete it or choose another name");
      }
      from = Math.min(p.next(), replay.size());
    }
    long total = replay.size();
    if (from >= total) {
      listener.committed(total, total);
      return new Outcome(from, 0, total);
    }
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "vigil-replay-" + key);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    long published = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      long firstEvent = replay.get((int) from).getEventTime().toEpochMilli();
      long started = System.nanoTime();
      int inTransaction = 0;
      producer.beginTransaction();
      for (int i = (int) from; i < total; i++) {
        TelemetryFrame frame = replay.get(i);
        long event = frame.getEventTime().toEpochMilli();
        long waitMillis =
            pace.dueMillis(event - firstEvent) - (System.nanoTime() - started) / 1_000_000;
        if (waitMillis > 0 || inTransaction == batch) {
          // Commit what is open, so that paced frames are seen when they are due.
          if (inTransaction > 0) {
            commit(producer, i, total, sourceHash);
            published += inTransaction;
            listener.committed(i, total);
            inTransaction = 0;
            producer.beginTransaction();
          }
          if (waitMillis > 0) {
            Thread.sleep(waitMillis);
          }
        }
        producer.send(
            new ProducerRecord<>(
                frames.name(),
                null,
                event,
                frame.getDeviceId().getBytes(StandardCharsets.UTF_8),
                frames.valueSerde().serializer().serialize(frames.name(), frame)));
        inTransaction++;
      }
      commit(producer, total, total, sourceHash);
      published += inTransaction;
      listener.committed(total, total);
    }
    return new Outcome(from, published, total);
  }

  private void commit(
      KafkaProducer<byte[], byte[]> producer, long next, long total, String sourceHash) {
    producer.send(
        new ProducerRecord<>(
            progressTopic,
            key.getBytes(StandardCharsets.UTF_8),
            new ReplayProgress(sourceHash, next, total, frames.name()).toBytes()));
    producer.commitTransaction();
  }

  /**
   * Creates the compacted progress topic when it does not exist.
   *
   * @param admin the cluster
   * @param progressTopic the topic
   * @param replication its replication factor
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the cluster refuses
   */
  public static void ensureProgressTopic(Admin admin, String progressTopic, short replication)
      throws InterruptedException, ExecutionException {
    if (!admin.listTopics().names().get().contains(progressTopic)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(progressTopic, 1, replication)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get();
    }
  }

  /**
   * Reads this replay's last committed progress.
   *
   * @return the progress, or empty for a replay never started (or deleted)
   */
  public Optional<ReplayProgress> progress() {
    Map<String, ReplayProgress> all = readAll(client, progressTopic);
    return Optional.ofNullable(all.get(key));
  }

  /**
   * Reads every replay's committed progress from a progress topic.
   *
   * @param client the cluster's client properties
   * @param progressTopic the topic
   * @return the last progress per key; deleted replays left out
   */
  public static Map<String, ReplayProgress> readAll(
      Map<String, Object> client, String progressTopic) {
    Map<String, Object> props = new HashMap<>(client);
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, ReplayProgress> last = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(progressTopic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String k = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            last.remove(k);
          } else {
            last.put(k, ReplayProgress.fromBytes(r.value()));
          }
        }
      }
    }
    return last;
  }
}
