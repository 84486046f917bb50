package io.vigil.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

  private static final Path DATA_DIR = Path.of("/var/lib/vigil/kafka");

  @Test
  void everyKeyIsAPropertyKafkaKnows() {
    Properties properties =
        BrokerProperties.build(BrokerSettings.defaults(DATA_DIR), DATA_DIR, 9092, 9093);

    assertThat(AbstractKafkaConfig.CONFIG_DEF.names())
        .containsAll(properties.stringPropertyNames())
        .containsAll(BrokerProperties.RESERVED_KEYS);
  }

  @Test
  void listensAndAdvertisesOnLoopbackOnly() {
    Properties properties =
        BrokerProperties.build(BrokerSettings.defaults(DATA_DIR), DATA_DIR, 9092, 9093);

    assertThat(properties)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093");
  }

  @Test
  void securedListenersListenBesidePlaintextUnderTheirProtocolsName() {
    BrokerSettings settings =
        BrokerSettings.defaults(DATA_DIR)
            .withSecuredListener("SASL_PLAINTEXT")
            .withSecuredListener("SASL_SSL");
    Properties properties =
        BrokerProperties.build(
            settings, DATA_DIR, 9092, 9093, Map.of("SASL_PLAINTEXT", 9094, "SASL_SSL", 9095));

    assertThat(properties)
        .containsEntry(
            "listeners",
            "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,"
                + "SASL_SSL://127.0.0.1:9095,CONTROLLER://127.0.0.1:9093")
        .containsEntry(
            "advertised.listeners",
            "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,SASL_SSL://127.0.0.1:9095")
        .containsEntry(
            "listener.security.protocol.map",
            "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,"
                + "SASL_SSL:SASL_SSL")
        .containsEntry("inter.broker.listener.name", "PLAINTEXT");
  }

  @Test
  void fitsTransactionsAndGroupsOnASingleNode() {
    KafkaConfig config =
        new KafkaConfig(
            BrokerProperties.build(BrokerSettings.defaults(DATA_DIR), DATA_DIR, 9092, 9093), false);

    assertThat(config.getShort("offsets.topic.replication.factor")).isEqualTo((short) 1);
    assertThat(config.getShort("transaction.state.log.replication.factor")).isEqualTo((short) 1);
    assertThat(config.getInt("transaction.state.log.min.isr")).isEqualTo(1);
    assertThat(config.getInt("group.initial.rebalance.delay.ms")).isZero();
    assertThat(config.getLong("log.cleaner.dedupe.buffer.size")).isEqualTo(2L * 1024 * 1024);
    assertThat(config.getBoolean("auto.create.topics.enable")).isFalse();
  }

  @Test
  void overridesReplaceTheDefaults() {
    BrokerSettings settings =
        BrokerSettings.defaults(DATA_DIR).withOverride("auto.create.topics.enable", "true");

    assertThat(BrokerProperties.build(settings, DATA_DIR, 9092, 9093))
        .containsEntry("auto.create.topics.enable", "true");
  }
}
