package io.vigil.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Injects {@link KafkaCluster} parameters (use {@link WithKafka}). The JVM gets one broker, started
 * on first use and kept in JUnit's root store, which closes it when the test run ends: starting a
 * broker costs seconds, so test classes share it and keep apart by using their own topics.
 *
 * <p>The system property {@code vigil.test.broker} chooses the broker: {@code auto} (default) runs
 * a Testcontainers broker when Docker is available and the embedded broker otherwise, {@code
 * embedded} always the embedded one, {@code container} always a container and fails without Docker.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaCluster.class;
  }

  @Override
  public KafkaCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  /**
   * The JVM's cluster, started on the first call.
   *
   * @param context any extension context of the run
   * @return the shared cluster
   */
  public static KafkaCluster cluster(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KafkaCluster.class, key -> start(), KafkaCluster.class);
  }

  private static KafkaCluster start() {
    BrokerMode mode = BrokerMode.parse(System.getProperty(BrokerMode.PROPERTY));
    KafkaCluster.Kind kind = mode.resolve(() -> DockerClientFactory.instance().isDockerAvailable());
    KafkaCluster cluster =
        switch (kind) {
          case EMBEDDED -> EmbeddedCluster.start();
          case CONTAINER -> ContainerCluster.start();
        };
    LOG.info("Integration tests use {} ({}={})", cluster, BrokerMode.PROPERTY, mode);
    return cluster;
  }
}
