package io.vigil.app.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.Topic;
import io.vigil.schemas.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A device's raw frames in a time range, read back from the frames topic (committed records only):
 * what the device page links to for a window. Records are found by their timestamps (the frames'
 * event times, as Vigil's producers and replays write them), in every partition, since producers
 * may partition devices otherwise than Vigil does.
 */
final class RawFrames {
  /** At most this many frames per request. */
  static final int MAX_FRAMES = 10_000;

  private RawFrames() {}

  static ObjectNode read(
      VigilConfig config,
      Topic<String, TelemetryFrame> frames,
      String deviceId,
      Instant from,
      Instant to) {
    Map<String, Object> props = new HashMap<>(config.kafka());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    byte[] key = deviceId.getBytes(StandardCharsets.UTF_8);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("deviceId", deviceId);
    out.put("topic", frames.name());
    ArrayNode items = out.putArray("frames");
    int undecodable = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(frames.name(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> starts = new HashMap<>();
      partitions.forEach(p -> starts.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found =
          consumer.offsetsForTimes(starts, Duration.ofSeconds(10));
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      List<TopicPartition> open = new ArrayList<>();
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp o = found.get(p);
        if (o != null) {
          consumer.seek(p, o.offset());
          open.add(p);
        }
      }
      consumer.assign(open);
      // Records later than the range by more than an hour end a partition: frames arrive roughly
      // in time order per device, within the reorder grace.
      long stopAfter = to.toEpochMilli() + Duration.ofHours(1).toMillis();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!open.isEmpty() && items.size() < MAX_FRAMES && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition p = new TopicPartition(r.topic(), r.partition());
          if (r.timestamp() > stopAfter || r.offset() >= end.get(p) - 1) {
            open.remove(p);
          }
          if (r.key() == null
              || !Arrays.equals(r.key(), key)
              || r.timestamp() < from.toEpochMilli()
              || r.timestamp() > to.toEpochMilli()) {
            continue;
          }
          try {
            TelemetryFrame f = frames.valueSerde().deserializer().deserialize(r.topic(), r.value());
            ObjectNode n = items.addObject();
            n.put("eventTime", f.getEventTime().toEpochMilli());
            ObjectNode channels = n.putObject("channels");
            f.getChannels().forEach((c, v) -> channels.put(c.toString(), v));
            n.put("partition", r.partition());
            n.put("offset", r.offset());
          } catch (RuntimeException e) {
            undecodable++;
          }
        }
        open.removeIf(p -> consumer.position(p) >= end.get(p));
      }
    }
    out.put("undecodable", undecodable);
    return out;
  }
}
