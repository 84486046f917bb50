package io.vigil.model.data;

import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.AvroSerde;
import io.vigil.schemas.serde.JsonFrameSerde;
import io.vigil.schemas.serde.VigilSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads telemetry frames from a Kafka topic between two timestamps, without a consumer group: every
 * partition is assigned, each is read from the first offset at or after {@code from} ({@code
 * offsetsForTimes}) up to the first offset at or after {@code to}, or its end. Each device becomes
 * a series. Records that cannot be decoded are skipped, counted and logged (the stream app
 * dead-letters the same records, so they are not training data either).
 */
public final class KafkaTopicReader {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final AvroSerde<TelemetryFrame> AVRO = VigilSerdes.frame();
  private static final JsonFrameSerde JSON = VigilSerdes.jsonFrame();

  private KafkaTopicReader() {}

  /**
   * Reads a range of a topic with a consumer made for it.
   *
   * @param range the brokers, topic, time range and frame format
   * @param spec which channels to read (the time and label settings do not apply to frames)
   * @param timeout how long to wait for the brokers without progress before giving up
   * @return the frames, one series per device
   * @throws DataException if the topic cannot be read
   */
  public static Recording read(KafkaRange range, ColumnSpec spec, Duration timeout) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, range.bootstrapServers());
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-train");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    try (Consumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return read(consumer, range, spec, timeout);
    } catch (KafkaException e) {
      throw new DataException(range.describe(), "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a range of a topic with a given consumer, which this method does not close.
   *
   * @param consumer an unsubscribed consumer of byte arrays
   * @param range the topic, time range and frame format
   * @param spec which channels to read
   * @param timeout how long to wait without progress before giving up
   * @return the frames, one series per device
   */
  public static Recording read(
      Consumer<byte[], byte[]> consumer, KafkaRange range, ColumnSpec spec, Duration timeout) {
    String source = range.describe();
    List<PartitionInfo> infos = consumer.partitionsFor(range.topic(), timeout);
    if (infos == null || infos.isEmpty()) {
      throw new DataException(source, "topic '" + range.topic() + "' does not exist");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(info.topic(), info.partition()));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    Map<TopicPartition, Long> starts = offsetsAt(consumer, partitions, range.from(), ends, timeout);
    Map<TopicPartition, Long> stops = offsetsAt(consumer, partitions, range.to(), ends, timeout);
    Map<TopicPartition, Long> remaining = new HashMap<>();
    for (TopicPartition partition : partitions) {
      consumer.seek(partition, starts.get(partition));
      if (starts.get(partition) < stops.get(partition)) {
        remaining.put(partition, stops.get(partition));
      }
    }
    RowCollector rows = new RowCollector(source, spec);
    int skipped = 0;
    long idleSince = System.nanoTime();
    while (!remaining.isEmpty()) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      if (records.isEmpty()) {
        if (System.nanoTime() - idleSince > timeout.toNanos()) {
          throw new DataException(
              source, "no records arrived for " + timeout + " with " + remaining + " left to read");
        }
        continue;
      }
      idleSince = System.nanoTime();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long stop = remaining.get(partition);
        if (stop == null || record.offset() >= stop) {
          continue;
        }
        if (!add(rows, range, record)) {
          skipped++;
        }
        if (record.offset() + 1 >= stop) {
          remaining.remove(partition);
        }
      }
    }
    if (skipped > 0) {
      LOG.warn(
          "{}: skipped {} records that are not {} telemetry frames",
          source,
          skipped,
          range.format());
    }
    return rows.build();
  }

  /** Returns per partition the first offset at or after {@code time}, or its end offset. */
  private static Map<TopicPartition, Long> offsetsAt(
      Consumer<byte[], byte[]> consumer,
      List<TopicPartition> partitions,
      Instant time,
      Map<TopicPartition, Long> ends,
      Duration timeout) {
    Map<TopicPartition, Long> query = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      query.put(partition, time.toEpochMilli());
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = found == null ? null : found.get(partition);
      offsets.put(partition, offset == null ? ends.get(partition) : offset.offset());
    }
    return offsets;
  }

  private static boolean add(
      RowCollector rows, KafkaRange range, ConsumerRecord<byte[], byte[]> record) {
    TelemetryFrame frame;
    try {
      frame =
          range.format() == KafkaRange.FrameFormat.AVRO
              ? AVRO.decode(record.value())
              : JSON.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOG.debug(
          "skipping record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return false;
    }
    if (frame == null) {
      return false;
    }
    Map<String, Double> values = new LinkedHashMap<>(frame.getChannels());
    rows.add(frame.getDeviceId(), frame.getEventTime().toEpochMilli(), values, null);
    return true;
  }
}
