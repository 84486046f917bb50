package io.vigil.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.testkit.clients.KafkaTestClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  private static final Duration TIMEOUT = KafkaTestClients.DEFAULT_TIMEOUT;

  @Test
  void producesAndConsumesRecords(@TempDir Path dataDir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir))) {
      KafkaTestClients.createTopics(broker.bootstrapServers(), 3, "telemetry");

      KafkaTestClients.produceStrings(
          broker.bootstrapServers(),
          List.of(
              new ProducerRecord<>("telemetry", "pump-1", "21.5"),
              new ProducerRecord<>("telemetry", "pump-2", "22.0"),
              new ProducerRecord<>("telemetry", "pump-1", "21.7")));

      assertThat(
              KafkaTestClients.consumeStrings(broker.bootstrapServers(), "telemetry", 3, TIMEOUT))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              tuple("pump-1", "21.5"), tuple("pump-2", "22.0"), tuple("pump-1", "21.7"));
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(broker.dataDir()).isEqualTo(dataDir.toAbsolutePath());
    }
  }

  @Test
  void keepsTopicsRecordsAndClusterIdWhenRestartedOnTheSameDataDir(@TempDir Path dataDir) {
    BrokerSettings settings = BrokerSettings.defaults(dataDir);
    String clusterId;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(settings)) {
      KafkaTestClients.createTopics(first.bootstrapServers(), 1, "readings");
      KafkaTestClients.produceStrings(
          first.bootstrapServers(),
          List.of(
              new ProducerRecord<>("readings", "fan-3", "1200rpm"),
              new ProducerRecord<>("readings", "fan-3", "1210rpm")));
      clusterId = describeCluster(first).clusterId();
      assertThat(first.clusterId()).isEqualTo(clusterId);
    }

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(settings)) {
      assertThat(describeCluster(second).clusterId())
          .as("a reformat would have written a new cluster id")
          .isEqualTo(clusterId);
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(KafkaTestClients.consumeStrings(second.bootstrapServers(), "readings", 2, TIMEOUT))
          .extracting(ConsumerRecord::value)
          .containsExactly("1200rpm", "1210rpm");
    }
  }

  @Test
  void advertisesTheNewPortWhenRestartedOnAnotherPort(@TempDir Path dataDir) throws IOException {
    int firstPort;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir))) {
      firstPort = advertisedPort(first);
      KafkaTestClients.createTopics(first.bootstrapServers(), 1, "alerts");
      KafkaTestClients.produceStrings(
          first.bootstrapServers(), List.of(new ProducerRecord<>("alerts", "boiler-9", "too hot")));
    }

    int secondPort = freePortOtherThan(firstPort);
    try (EmbeddedKafkaBroker second =
        EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir).withPort(secondPort))) {
      assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + secondPort);
      assertThat(advertisedPort(second)).isEqualTo(secondPort);
      assertThat(KafkaTestClients.consumeStrings(second.bootstrapServers(), "alerts", 1, TIMEOUT))
          .extracting(ConsumerRecord::value)
          .containsExactly("too hot");
    }
  }

  @Test
  void readCommittedConsumersSeeCommittedTransactionsOnly(@TempDir Path dataDir) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir))) {
      KafkaTestClients.createTopics(broker.bootstrapServers(), 1, "scores");

      try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("scores", "pump-1", "0.10"));
        producer.send(new ProducerRecord<>("scores", "pump-1", "0.12"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("scores", "pump-1", "aborted"));
        producer.flush();
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("scores", "pump-1", "0.95"));
        producer.commitTransaction();
      }

      // The last committed record lies behind the aborted one: all three arriving without it
      // shows the broker filtered the aborted transaction for this consumer.
      List<ConsumerRecord<String, String>> records =
          KafkaTestClients.consume(
              broker.bootstrapServers(),
              "scores",
              3,
              TIMEOUT,
              new StringDeserializer(),
              new StringDeserializer(),
              Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("0.10", "0.12", "0.95");
    }
  }

  @Test
  void failsNamingTheAddressWhenThePortIsTaken(@TempDir Path dataDir) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      BrokerSettings settings = BrokerSettings.defaults(dataDir).withPort(taken.getLocalPort());

      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
          .isInstanceOf(BrokerException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining(dataDir.toString());
    }
  }

  @Test
  void closingTwiceIsHarmless(@TempDir Path dataDir) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir));

    broker.close();
    broker.close();
  }

  private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "embedded-broker-it"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** What a client learns about the cluster from the broker's own metadata. */
  private record ClusterView(String clusterId, Collection<Node> nodes) {}

  private static ClusterView describeCluster(EmbeddedKafkaBroker broker) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      DescribeClusterResult result = admin.describeCluster();
      return new ClusterView(result.clusterId().get(), result.nodes().get());
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("describeCluster failed on " + broker.bootstrapServers(), e);
    }
  }

  private static int advertisedPort(EmbeddedKafkaBroker broker) {
    Collection<Node> nodes = describeCluster(broker).nodes();
    assertThat(nodes).hasSize(1);
    Node node = nodes.iterator().next();
    assertThat(node.host()).isEqualTo("127.0.0.1");
    return node.port();
  }

  private static int freePortOtherThan(int port) throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (socket.getLocalPort() != port) {
          return socket.getLocalPort();
        }
      }
    }
  }
}
