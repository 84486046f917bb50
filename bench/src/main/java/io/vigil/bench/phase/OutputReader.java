package io.vigil.bench.phase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads output topics from their beginning as a downstream application would, with {@code
 * read_committed}: under exactly-once a record counts only once its transaction has committed.
 * Partitions are assigned, not subscribed, so no group rebalance delays the first poll. Notes the
 * {@link System#nanoTime()} of the first and the last record received.
 */
final class OutputReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private long records;
  private long firstNanos = -1;
  private long lastNanos = -1;

  OutputReader(String bootstrapServers, List<String> topics) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Polls once.
   *
   * @param timeout the longest to wait for records
   * @param each told about every record received
   * @return records received in this poll
   */
  int poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    ConsumerRecords<byte[], byte[]> batch = consumer.poll(timeout);
    if (batch.isEmpty()) {
      return 0;
    }
    long now = System.nanoTime();
    if (firstNanos < 0) {
      firstNanos = now;
    }
    lastNanos = now;
    records += batch.count();
    batch.forEach(each);
    return batch.count();
  }

  /** Returns the records received so far. */
  long records() {
    return records;
  }

  /** Returns when the first records arrived, or -1. */
  long firstNanos() {
    return firstNanos;
  }

  /** Returns when the latest records arrived, or -1. */
  long lastNanos() {
    return lastNanos;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
