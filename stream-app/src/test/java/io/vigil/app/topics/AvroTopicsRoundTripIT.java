package io.vigil.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.schemas.serde.SampleRecords;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.WithKafka;
import io.vigil.testkit.clients.KafkaTestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Every record type goes through the real broker on its own topic, with the catalogue's serdes. */
@WithKafka
class AvroTopicsRoundTripIT {

  private static <V> void roundTrip(KafkaCluster kafka, Topic<String, V> topic, V record) {
    KafkaTestClients.createTopics(kafka.bootstrapServers(), 1, topic.name());
    KafkaTestClients.produce(
        kafka.bootstrapServers(),
        topic.keySerde().serializer(),
        topic.valueSerde().serializer(),
        List.of(new ProducerRecord<>(topic.name(), "key-1", record)));
    List<ConsumerRecord<String, V>> read =
        KafkaTestClients.consume(
            kafka.bootstrapServers(),
            topic.name(),
            1,
            Duration.ofSeconds(30),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer(),
            Map.of());
    assertThat(read).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(record));
  }

  @Test
  void everyAvroTypeRoundTripsThroughTheBroker(KafkaCluster kafka) {
    TopicCatalogue topics =
        TopicCatalogue.of(TopicNames.withPrefix("roundtrip."), InputFormat.AVRO);
    roundTrip(kafka, topics.frames(), SampleRecords.frame());
    roundTrip(kafka, topics.readings(), SampleRecords.reading());
    roundTrip(kafka, topics.policies(), SampleRecords.thresholdPolicy());
    roundTrip(kafka, topics.scores(), SampleRecords.windowScore());
    roundTrip(kafka, topics.anomalies(), SampleRecords.anomalyEvent());
    roundTrip(kafka, topics.deadLetter(), SampleRecords.deadLetter());
  }

  @Test
  void jsonFramesRoundTripThroughTheBroker(KafkaCluster kafka) {
    TopicCatalogue topics =
        TopicCatalogue.of(TopicNames.withPrefix("roundtrip-json."), InputFormat.JSON);
    roundTrip(kafka, topics.frames(), SampleRecords.frame());
  }
}
