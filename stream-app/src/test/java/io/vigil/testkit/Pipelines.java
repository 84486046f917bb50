package io.vigil.testkit;

import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.simulate.SimulatedFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Drives the whole stream application on a real broker: publish frames, wait for them, read the
 * outputs.
 */
public final class Pipelines {
  private Pipelines() {}

  /** The configuration of a run over topics under {@code prefix}. */
  public static VigilConfig config(
      String bootstrap, String prefix, String applicationId, Path stateDir, Path model) {
    return config(bootstrap, prefix, applicationId, stateDir, model, Map.of());
  }

  /**
   * The configuration of a run over topics under {@code prefix}, with {@code more} properties
   * ({@code vigil.*} or {@code kafka.*}) on top.
   */
  public static VigilConfig config(
      String bootstrap,
      String prefix,
      String applicationId,
      Path stateDir,
      Path model,
      Map<String, String> more) {
    Properties p = new Properties();
    p.setProperty("vigil.bootstrap.servers", bootstrap);
    p.setProperty("vigil.application.id", applicationId);
    p.setProperty("vigil.topic.prefix", prefix);
    p.setProperty("vigil.state.dir", stateDir.toString());
    p.setProperty("vigil.model.path", model.toString());
    p.setProperty("vigil.commit.interval.ms", "200");
    // Every test application serves its dashboard, on a free port.
    p.setProperty("vigil.http.port", "0");
    p.putAll(more);
    return VigilConfig.fromProperties(p);
  }

  /**
   * Creates the topics of {@code config}, {@code partitions} each (the optional outputs' only when
   * they are on).
   */
  public static TopicCatalogue createTopics(VigilConfig config, int partitions) throws Exception {
    TopicCatalogue topics =
        TopicCatalogue.of(config.topics(), config.inputFormat(), config.outputs());
    try (Admin admin = admin(config.bootstrapServers())) {
      topics.createMissing(admin, partitions, (short) 1);
    }
    return topics;
  }

  /** Publishes frames keyed by device, with their event times as record timestamps. */
  public static void publish(
      VigilConfig config, TopicCatalogue topics, List<SimulatedFrame> frames) {
    try (FramePublisher publisher =
        new FramePublisher(config.bootstrapServers(), topics.frames(), Map.of())) {
      frames.forEach(publisher::send);
      publisher.flush();
    }
  }

  /** Committed offsets of the application on {@code topic}, summed over partitions. */
  public static long committed(VigilConfig config, String topic)
      throws InterruptedException, ExecutionException {
    try (Admin admin = admin(config.bootstrapServers())) {
      return committed(admin, config.applicationId(), topic);
    }
  }

  private static long committed(Admin admin, String group, String topic)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /**
   * Waits, up to {@code timeout}, until the application has committed past {@code records} records
   * of {@code topic}. Each check is a round trip to the broker, which paces the loop.
   */
  public static void awaitCommitted(
      VigilConfig config, String topic, long records, Duration timeout)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long done = 0;
    try (Admin admin = admin(config.bootstrapServers())) {
      while (System.nanoTime() < deadline) {
        done = committed(admin, config.applicationId(), topic);
        if (done >= records) {
          return;
        }
      }
    }
    throw new AssertionError(
        String.format(
            Locale.ROOT,
            "application committed %d of %d records of %s within %s",
            done,
            records,
            topic,
            timeout));
  }

  /** Every committed record of {@code topic}, read with read_committed up to the current end. */
  public static <V> List<ConsumerRecord<String, V>> readAll(
      String bootstrap, String topic, Deserializer<String> keys, Deserializer<V> values) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(
              new ConsumerRecord<>(
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  r.timestamp(),
                  r.timestampType(),
                  r.serializedKeySize(),
                  r.serializedValueSize(),
                  keys.deserialize(topic, r.key()),
                  values.deserialize(topic, r.value()),
                  r.headers(),
                  r.leaderEpoch()));
        }
      }
    }
    return out;
  }

  /** Highest offset sum of {@code topic}: how many records it holds. */
  public static long endOffsets(String bootstrap, String topic)
      throws InterruptedException, ExecutionException {
    try (Admin admin = admin(bootstrap)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(i -> i.offset())
          .sum();
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }
}
