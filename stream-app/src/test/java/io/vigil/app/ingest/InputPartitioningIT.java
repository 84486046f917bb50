package io.vigil.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.WindowScore;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device whose producer changes partitioner mid-stream (as when a Java producer, murmur2, is
 * replaced by a librdkafka one, CRC32): its later frames arrive in another partition of the frames
 * topic. Vigil repartitions those by device, so the device keeps one state, in the task where
 * Kafka's default partitioner puts it, and interactive queries find all of it there.
 */
@WithKafka
class InputPartitioningIT {
  private static final String DEVICE = "device-000";

  @Test
  void framesInAnotherPartitionThanTheDefaultJoinTheirDevicesOneState(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "parts.",
            "parts",
            dir.resolve("state"),
            TestModels.small(dir));
    TopicCatalogue topics = Pipelines.createTopics(config, 2);
    List<SimulatedFrame> frames = TestFleets.withJump(1, 5, 0, 600, DEVICE, 0, 0);
    int home = Utils.toPositive(Utils.murmur2(DEVICE.getBytes(StandardCharsets.UTF_8))) % 2;
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      // The first 300 frames where Kafka's default partitioner puts the device, the rest in the
      // other partition, keyed alike.
      send(config, topics, frames.subList(0, 300), home);
      Pipelines.awaitCommitted(config, topics.frames().name(), 300, Duration.ofMinutes(1));
      send(config, topics, frames.subList(300, 600), 1 - home);
      Pipelines.awaitCommitted(config, topics.frames().name(), 600, Duration.ofMinutes(1));
      // The moved frames have reached detection through the repartition topic.
      Pipelines.awaitCommitted(
          config, "parts-frames-by-device-repartition", 300, Duration.ofMinutes(1));
      assertThat(app.metrics().repartitionedFrameCount()).isEqualTo(300.0);
      assertThat(app.metrics().windowRestartCount()).isZero();

      // One state saw every window: the count it keeps is every score published, and its last
      // window is the last published one, from the frames that came the other way. (Scores of
      // the last batch may still be on their way: both sides are read until they agree.)
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + app.dashboard().port() + "/api/devices/" + DEVICE);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode device;
      List<WindowScore> scores;
      do {
        device =
            new ObjectMapper()
                .readTree(
                    http.send(
                            HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body());
        scores =
            Pipelines.readAll(
                    kafka.bootstrapServers(),
                    topics.scores().name(),
                    new StringDeserializer(),
                    VigilSerdes.windowScore().deserializer())
                .stream()
                .map(r -> r.value())
                .toList();
      } while (device.get("scoresSinceReset").asInt() != scores.size()
          && System.nanoTime() < deadline);
      assertThat(scores).hasSizeGreaterThan(100);
      assertThat(device.get("scoresSinceReset").asInt()).isEqualTo(scores.size());
      assertThat(device.get("lastWindowEnd").asLong())
          .isEqualTo(scores.get(scores.size() - 1).getWindowEnd().toEpochMilli());
      assertThat(scores.get(scores.size() - 1).getWindowEnd()).isAfter(frames.get(500).eventTime());
    }
  }

  private static void send(
      VigilConfig config, TopicCatalogue topics, List<SimulatedFrame> frames, int partition) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (SimulatedFrame f : frames) {
        byte[] value =
            topics
                .frames()
                .valueSerde()
                .serializer()
                .serialize(topics.frames().name(), FramePublisher.toRecord(f));
        producer.send(
            new ProducerRecord<>(
                topics.frames().name(),
                partition,
                f.eventTime().toEpochMilli(),
                f.deviceId(),
                value));
      }
      producer.flush();
    }
  }
}
