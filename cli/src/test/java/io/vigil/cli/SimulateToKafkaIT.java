package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `vigil simulate --bootstrap --topic` publishes every frame, keyed by device, as Avro frames. */
class SimulateToKafkaIT {

  @Test
  void publishesEveryFrameKeyedByDevice(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.defaults(dir.resolve("broker")))) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("sim", 1, (short) 1))).all().get();
      }
      CommandLine cl = Vigil.commandLine();
      cl.setErr(new PrintWriter(new StringWriter(), true));
      int code =
          cl.execute(
              "simulate",
              "--devices",
              "2",
              "--duration",
              "2m",
              "--seed",
              "4",
              "--bootstrap",
              broker.bootstrapServers(),
              "--topic",
              "sim");
      assertThat(code).isZero();

      Map<String, Object> props =
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              broker.bootstrapServers(),
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
              "earliest");
      List<ConsumerRecord<String, TelemetryFrame>> records = new ArrayList<>();
      try (KafkaConsumer<String, TelemetryFrame> consumer =
          new KafkaConsumer<>(props, new StringDeserializer(), VigilSerdes.frame())) {
        TopicPartition p = new TopicPartition("sim", 0);
        consumer.assign(List.of(p));
        consumer.seekToBeginning(List.of(p));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < 240 && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
      }
      // 2 devices x 120 one-second steps.
      assertThat(records).hasSize(240);
      assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getDeviceId()));
      assertThat(records.get(239).value().getEventTime())
          .isEqualTo(records.get(0).value().getEventTime().plusSeconds(119));
    }
  }
}
