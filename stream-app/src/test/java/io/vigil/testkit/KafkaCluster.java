package io.vigil.testkit;

/**
 * A running Kafka cluster that a test may use, as injected by {@link KafkaBrokerExtension}. Tests
 * talk to it only through {@link #bootstrapServers()}, so they run unchanged against either kind.
 */
public interface KafkaCluster {

  /** Where the broker runs. */
  enum Kind {
    /** {@link io.vigil.broker.EmbeddedKafkaBroker} in the test JVM. */
    EMBEDDED,
    /** A Testcontainers {@code KafkaContainer} in Docker. */
    CONTAINER
  }

  /**
   * The address for {@code bootstrap.servers}.
   *
   * @return {@code host:port}
   */
  String bootstrapServers();

  /**
   * Which kind of broker this is, for tests that must say which one they ran against.
   *
   * @return the kind
   */
  Kind kind();
}
