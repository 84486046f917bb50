package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The topic range logic: start and stop offsets from record timestamps, per partition, malformed
 * records skipped. Kafka's own {@link MockConsumer} stands in for a broker (whose fixture lives in
 * the stream app, which depends on this module); it answers {@code offsetsForTimes} from the
 * records given to it, as a broker would.
 */
class KafkaTopicReaderTest {
  private static final String TOPIC = "telemetry";
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** A mock consumer that answers offsetsForTimes from the records it holds. */
  private static final class TimedConsumer extends MockConsumer<byte[], byte[]> {
    private final List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();

    TimedConsumer() {
      super("none");
    }

    void add(int partition, long offset, Instant time, byte[] value) {
      ConsumerRecord<byte[], byte[]> record =
          new ConsumerRecord<>(
              TOPIC,
              partition,
              offset,
              time.toEpochMilli(),
              TimestampType.CREATE_TIME,
              0,
              value.length,
              null,
              value,
              new RecordHeaders(),
              Optional.empty());
      all.add(record);
    }

    /** Hands the records to the mock once the reader has assigned and positioned itself. */
    void deliver() {
      schedulePollTask(() -> all.forEach(this::addRecord));
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
        Map<TopicPartition, Long> query, Duration timeout) {
      Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
      query.forEach(
          (partition, time) ->
              all.stream()
                  .filter(r -> r.partition() == partition.partition() && r.timestamp() >= time)
                  .findFirst()
                  .ifPresent(
                      r ->
                          found.put(partition, new OffsetAndTimestamp(r.offset(), r.timestamp()))));
      return found;
    }
  }

  private static byte[] frame(String device, Instant time, double pressure) {
    Map<String, Double> channels = new LinkedHashMap<>();
    channels.put("pressure", pressure);
    return VigilSerdes.frame().encode(new TelemetryFrame(device, time, channels, null));
  }

  private static TimedConsumer consumer(int partitions) {
    TimedConsumer consumer = new TimedConsumer();
    List<PartitionInfo> infos = new ArrayList<>();
    Map<TopicPartition, Long> begin = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new PartitionInfo(TOPIC, p, null, null, null));
      begin.put(new TopicPartition(TOPIC, p), 0L);
    }
    consumer.updatePartitions(TOPIC, infos);
    consumer.updateBeginningOffsets(begin);
    return consumer;
  }

  @Test
  void readsOnlyTheRecordsBetweenTheTwoTimestampsOfEveryPartition() {
    TimedConsumer consumer = consumer(2);
    for (int k = 0; k < 6; k++) {
      Instant time = T0.plusSeconds(k);
      consumer.add(0, k, time, frame("pump-a", time, k));
      consumer.add(1, k, time, frame("pump-b", time, 10 + k));
    }
    consumer.updateEndOffsets(
        Map.of(new TopicPartition(TOPIC, 0), 6L, new TopicPartition(TOPIC, 1), 6L));
    consumer.deliver();
    KafkaRange range =
        new KafkaRange(
            "unused:9092",
            TOPIC,
            T0.plusSeconds(2),
            T0.plusSeconds(5),
            KafkaRange.FrameFormat.AVRO);

    Recording recording =
        KafkaTopicReader.read(consumer, range, ColumnSpec.defaults(), Duration.ofSeconds(5));

    assertThat(recording.series()).extracting(Series::name).containsExactly("pump-a", "pump-b");
    Series a = recording.series().get(0);
    assertThat(a.rows()).as("seconds 2, 3 and 4").isEqualTo(3);
    assertThat(a.value(0, 0)).isEqualTo(2f);
    assertThat(a.value(2, 0)).isEqualTo(4f);
    assertThat(recording.series().get(1).value(0, 0)).isEqualTo(12f);
  }

  @Test
  void skipsRecordsThatAreNotFrames() {
    TimedConsumer consumer = consumer(1);
    consumer.add(0, 0, T0, frame("pump-a", T0, 1));
    consumer.add(0, 1, T0.plusSeconds(1), "not avro".getBytes(StandardCharsets.UTF_8));
    consumer.add(0, 2, T0.plusSeconds(2), frame("pump-a", T0.plusSeconds(2), 3));
    consumer.updateEndOffsets(Map.of(new TopicPartition(TOPIC, 0), 3L));
    consumer.deliver();
    KafkaRange range =
        new KafkaRange("unused:9092", TOPIC, T0, T0.plusSeconds(60), KafkaRange.FrameFormat.AVRO);

    Recording recording =
        KafkaTopicReader.read(consumer, range, ColumnSpec.defaults(), Duration.ofSeconds(5));

    assertThat(recording.series().get(0).rows()).isEqualTo(2);
  }

  @Test
  void anAbsentTopicIsReportedByName() {
    TimedConsumer consumer = new TimedConsumer();
    KafkaRange range =
        new KafkaRange("unused:9092", TOPIC, T0, T0.plusSeconds(1), KafkaRange.FrameFormat.JSON);

    assertThatThrownBy(
            () ->
                KafkaTopicReader.read(
                    consumer, range, ColumnSpec.defaults(), Duration.ofMillis(10)))
        .isInstanceOf(DataException.class)
        .hasMessageEndingWith("topic 'telemetry' does not exist");
  }

  @Test
  void theRangeMustEndAfterItStarts() {
    assertThatThrownBy(() -> new KafkaRange("b:9092", TOPIC, T0, T0, KafkaRange.FrameFormat.AVRO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the end after the start");
  }
}
