package io.vigil.testkit.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Small, blocking Kafka client helpers for integration tests: create topics and wait until they can
 * be used, write records and wait for the acknowledgements, and read a number of records with a
 * deadline. Every wait is bounded and fails with what was expected and what was seen.
 */
public final class KafkaTestClients {

  /**
   * Generous for one broker on a busy two-core machine; a healthy broker answers in milliseconds.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Pause between metadata probes while a new topic's leaders are being elected. */
  private static final Duration METADATA_POLL_INTERVAL = Duration.ofMillis(50);

  private KafkaTestClients() {}

  /**
   * Creates topics with one replica each and waits until every partition has a leader, so that
   * producers and consumers can use them at once.
   *
   * @param bootstrapServers the cluster
   * @param partitions partitions per topic
   * @param topics names of topics that do not exist yet
   */
  public static void createTopics(String bootstrapServers, int partitions, String... topics) {
    List<NewTopic> newTopics =
        Arrays.stream(topics).map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      await(admin.createTopics(newTopics).all(), deadline, "create topics " + List.of(topics));
      while (!allPartitionsHaveLeaders(admin, List.of(topics), deadline)) {
        if (System.nanoTime() >= deadline) {
          throw new AssertionError(
              "topics "
                  + List.of(topics)
                  + " have no leader for every partition after "
                  + DEFAULT_TIMEOUT);
        }
        LockSupport.parkNanos(METADATA_POLL_INTERVAL.toNanos());
      }
    }
  }

  private static boolean allPartitionsHaveLeaders(Admin admin, List<String> topics, long deadline) {
    Map<String, TopicDescription> descriptions;
    try {
      descriptions =
          await(
              admin.describeTopics(topics).allTopicNames(), deadline, "describe topics " + topics);
    } catch (AssertionError e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        // Created a moment ago: the broker's metadata does not list the topic yet.
        return false;
      }
      throw e;
    }
    return descriptions.values().stream()
        .flatMap(description -> description.partitions().stream())
        .map(TopicPartitionInfo::leader)
        .allMatch(leader -> leader != null && !leader.isEmpty());
  }

  /**
   * Writes string records and waits until the broker has acknowledged all of them.
   *
   * @param bootstrapServers the cluster
   * @param records the records, written in order
   * @return where each record was written, in the same order
   */
  public static List<RecordMetadata> produceStrings(
      String bootstrapServers, List<ProducerRecord<String, String>> records) {
    return produce(bootstrapServers, new StringSerializer(), new StringSerializer(), records);
  }

  /**
   * Writes records with an idempotent producer and waits until the broker has acknowledged all.
   *
   * @param bootstrapServers the cluster
   * @param keys the key serializer
   * @param values the value serializer
   * @param records the records, written in order
   * @param <K> key type
   * @param <V> value type
   * @return where each record was written, in the same order
   */
  public static <K, V> List<RecordMetadata> produce(
      String bootstrapServers,
      Serializer<K> keys,
      Serializer<V> values,
      List<ProducerRecord<K, V>> records) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<K, V> record : records) {
        sent.add(producer.send(record));
      }
      producer.flush();
      List<RecordMetadata> written = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> future : sent) {
        written.add(await(future, deadline, "write to " + bootstrapServers));
      }
      return written;
    }
  }

  /**
   * Reads string records from the beginning of every partition of a topic until at least {@code
   * count} have arrived.
   *
   * @param bootstrapServers the cluster
   * @param topic an existing topic
   * @param count how many records to wait for
   * @param timeout how long to wait for them
   * @return every record received, in arrival order; possibly more than {@code count} when the last
   *     poll returned more
   * @throws AssertionError if fewer than {@code count} records arrive within {@code timeout}
   */
  public static List<ConsumerRecord<String, String>> consumeStrings(
      String bootstrapServers, String topic, int count, Duration timeout) {
    return consume(
        bootstrapServers,
        topic,
        count,
        timeout,
        new StringDeserializer(),
        new StringDeserializer(),
        Map.of());
  }

  /**
   * Reads records from the beginning of every partition of a topic until at least {@code count}
   * have arrived. The consumer joins no group and commits nothing, so calls do not disturb each
   * other and always start from the first record.
   *
   * @param bootstrapServers the cluster
   * @param topic an existing topic
   * @param count how many records to wait for
   * @param timeout how long to wait for them
   * @param keys the key deserializer
   * @param values the value deserializer
   * @param consumerOverrides extra consumer settings, e.g. {@code isolation.level=read_committed}
   * @param <K> key type
   * @param <V> value type
   * @return every record received, in arrival order; possibly more than {@code count} when the last
   *     poll returned more
   * @throws AssertionError if fewer than {@code count} records arrive within {@code timeout}
   */
  public static <K, V> List<ConsumerRecord<K, V>> consume(
      String bootstrapServers,
      String topic,
      int count,
      Duration timeout,
      Deserializer<K> keys,
      Deserializer<V> values,
      Map<String, Object> consumerOverrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putAll(consumerOverrides);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> received = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new AssertionError("topic " + topic + " does not exist on " + bootstrapServers);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (received.size() < count) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " records from "
                  + topic
                  + " within "
                  + timeout
                  + " but received "
                  + received.size()
                  + ": "
                  + received);
        }
        consumer.poll(Duration.ofNanos(remaining)).forEach(received::add);
      }
    }
    return received;
  }

  private static <T> T await(Future<T> future, long deadline, String what) {
    long remaining = Math.max(0, deadline - System.nanoTime());
    try {
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("could not " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("could not " + what + " within " + DEFAULT_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting to " + what, e);
    }
  }
}
