package io.vigil.testkit;

import org.testcontainers.kafka.KafkaContainer;

/** A Testcontainers Kafka broker as a test cluster; closing it removes the container. */
final class ContainerCluster implements KafkaCluster, AutoCloseable {

  /** System property that replaces {@link #DEFAULT_IMAGE}, e.g. to test another Kafka release. */
  static final String IMAGE_PROPERTY = "vigil.test.kafka.image";

  /** Apache Kafka's own image, which runs a single KRaft node in combined mode. */
  static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

  private final KafkaContainer container;

  private ContainerCluster(KafkaContainer container) {
    this.container = container;
  }

  /** A container for the configured image, not started yet. */
  static KafkaContainer newContainer() {
    return new KafkaContainer(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
  }

  static ContainerCluster start() {
    KafkaContainer container = newContainer();
    container.start();
    return new ContainerCluster(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public Kind kind() {
    return Kind.CONTAINER;
  }

  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return container.getDockerImageName() + " at " + bootstrapServers();
  }
}
