package io.vigil.testkit;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;

/** The embedded broker as a test cluster; it owns a temporary data directory and deletes it. */
final class EmbeddedCluster implements KafkaCluster, AutoCloseable {

  private final EmbeddedKafkaBroker broker;

  private EmbeddedCluster(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  static EmbeddedCluster start() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("vigil-test-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data dir for the embedded test broker", e);
    }
    return new EmbeddedCluster(EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir)));
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public Kind kind() {
    return Kind.EMBEDDED;
  }

  @Override
  public void close() throws IOException {
    broker.close();
    Utils.delete(broker.dataDir().toFile());
  }

  @Override
  public String toString() {
    return "embedded Kafka at " + bootstrapServers();
  }
}
