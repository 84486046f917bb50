package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.clients.KafkaTestClients;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Checks the container path of the fixture on its own, whatever {@code vigil.test.broker} says.
 * Without Docker the class is reported as skipped, not failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerIT {

  @Container private static final KafkaContainer KAFKA = ContainerCluster.newContainer();

  @Test
  void producesAndConsumesThroughAKafkaContainer() {
    String topic = "container-round-trip";
    KafkaTestClients.createTopics(KAFKA.getBootstrapServers(), 1, topic);

    KafkaTestClients.produceStrings(
        KAFKA.getBootstrapServers(),
        List.of(
            new ProducerRecord<>(topic, "valve-7", "open"),
            new ProducerRecord<>(topic, "valve-7", "closed")));

    assertThat(
            KafkaTestClients.consumeStrings(
                KAFKA.getBootstrapServers(), topic, 2, KafkaTestClients.DEFAULT_TIMEOUT))
        .extracting(ConsumerRecord::value)
        .containsExactly("open", "closed");
  }
}
