package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.testkit.clients.KafkaTestClients;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

@WithKafka
class KafkaBrokerExtensionIT {

  private static KafkaCluster clusterOfTheClass;

  @BeforeAll
  static void rememberTheClusterOfTheClass(KafkaCluster cluster) {
    clusterOfTheClass = cluster;
  }

  @Test
  void injectsAClusterThatCarriesRecords(KafkaCluster cluster) {
    String topic = "extension-carries-records";
    KafkaTestClients.createTopics(cluster.bootstrapServers(), 2, topic);

    KafkaTestClients.produceStrings(
        cluster.bootstrapServers(),
        List.of(
            new ProducerRecord<>(topic, "pump-1", "ok"),
            new ProducerRecord<>(topic, "pump-2", "hot")));

    List<ConsumerRecord<String, String>> records =
        KafkaTestClients.consumeStrings(
            cluster.bootstrapServers(), topic, 2, KafkaTestClients.DEFAULT_TIMEOUT);
    assertThat(records)
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactlyInAnyOrder(tuple("pump-1", "ok"), tuple("pump-2", "hot"));
  }

  @Test
  void injectsTheSameClusterEverywhereInTheJvm(KafkaCluster cluster) {
    assertThat(cluster).isSameAs(clusterOfTheClass);
  }

  @Test
  void runsTheKindOfBrokerThePropertyAsksFor(KafkaCluster cluster) {
    BrokerMode mode = BrokerMode.parse(System.getProperty(BrokerMode.PROPERTY));
    KafkaCluster.Kind expected =
        mode.resolve(() -> DockerClientFactory.instance().isDockerAvailable());
    assertThat(cluster.kind()).isEqualTo(expected);
  }
}
