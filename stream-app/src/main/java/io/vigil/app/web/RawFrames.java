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

  /** A frame read back, with where it was. */
  record Found(TelemetryFrame frame, int partition, long offset) {}

  /** The frames as JSON: event time, channels, partition and offset. */
  static ObjectNode read(
      VigilConfig config,
      Topic<String, TelemetryFrame> frames,
      String deviceId,
      Instant from,
      Instant to) {
    List<Found> found = new ArrayList<>();
    int undecodable = find(config, frames, deviceId, from, to, found);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("deviceId", deviceId);
    out.put("topic", frames.name());
    ArrayNode items = out.putArray("frames");
    for (Found f : found) {
      ObjectNode n = items.addObject();
      n.put("eventTime", f.frame().getEventTime().toEpochMilli());
      ObjectNode channels = n.putObject("channels");
      f.frame().getChannels().forEach((c, v) -> channels.put(c.toString(), v));
      n.put("partition", f.partition());
      n.put("offset", f.offset());
    }
    out.put("undecodable", undecodable);
    return out;
  }

  /**
   * Finds the device's frames in [from, to], in event-time order.
   *
   * @return how many of the device's records in range could not be decoded
   */
  static int find(
      VigilConfig config,
      Topic<String, TelemetryFrame> frames,
      String deviceId,
      Instant from,
      Instant to,
      List<Found> out) {
    Map<String, Object> props = new HashMap<>(config.kafka());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    byte[] key = deviceId.getBytes(StandardCharsets.UTF_8);
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
      // A record more than an hour past the range ends its partition: frames arrive roughly in
      // time order per device, within the reorder grace.
      long stopAfter = to.toEpochMilli() + Duration.ofHours(1).toMillis();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!open.isEmpty() && out.size() < MAX_FRAMES && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.timestamp() > stopAfter) {
            open.remove(new TopicPartition(r.topic(), r.partition()));
          }
          if (r.key() == null
              || !Arrays.equals(r.key(), key)
              || r.timestamp() < from.toEpochMilli()
              || r.timestamp() > to.toEpochMilli()) {
            continue;
          }
          try {
            out.add(
                new Found(
                    frames.valueSerde().deserializer().deserialize(r.topic(), r.value()),
                    r.partition(),
                    r.offset()));
          } catch (RuntimeException e) {
            undecodable++;
          }
        }
        open.removeIf(p -> consumer.position(p) >= end.get(p));
        consumer.assign(open);
      }
    }
    out.sort((a, b) -> a.frame().getEventTime().compareTo(b.frame().getEventTime()));
    return undecodable;
  }
}
