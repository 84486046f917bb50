package io.vigil.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The value of the {@code vigil.test.broker} system property: which broker the integration tests
 * run against. Kept apart from the extension so the choice is unit-tested without Docker.
 */
enum BrokerMode {
  /** A container when Docker is available, else the embedded broker. */
  AUTO,
  /** Always the embedded broker. */
  EMBEDDED,
  /** Always a container; fails when Docker is not available. */
  CONTAINER;

  static final String PROPERTY = "vigil.test.broker";

  /**
   * Parses the property value; absent or blank means {@link #AUTO}.
   *
   * @param value the raw property value, possibly {@code null}
   * @return the mode
   * @throws ExtensionConfigurationException naming the value and the allowed ones
   */
  static BrokerMode parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    for (BrokerMode mode : values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new ExtensionConfigurationException(
        PROPERTY + "='" + value + "' is not one of " + allowedValues());
  }

  /**
   * Decides the kind of broker. Docker is probed only when the mode needs to know.
   *
   * @param dockerAvailable whether a Docker environment can be reached
   * @return the kind of broker to start
   * @throws ExtensionConfigurationException when a container is required but Docker is missing
   */
  KafkaCluster.Kind resolve(BooleanSupplier dockerAvailable) {
    return switch (this) {
      case EMBEDDED -> KafkaCluster.Kind.EMBEDDED;
      case AUTO ->
          dockerAvailable.getAsBoolean() ? KafkaCluster.Kind.CONTAINER : KafkaCluster.Kind.EMBEDDED;
      case CONTAINER -> {
        if (!dockerAvailable.getAsBoolean()) {
          throw new ExtensionConfigurationException(
              PROPERTY
                  + "=container requires Docker, but no Docker environment is available; start"
                  + " Docker or run with -D"
                  + PROPERTY
                  + "=auto (or embedded)");
        }
        yield KafkaCluster.Kind.CONTAINER;
      }
    };
  }

  /** The accepted property values, as users type them. */
  static List<String> allowedValues() {
    return Arrays.stream(values()).map(mode -> mode.name().toLowerCase(Locale.ROOT)).toList();
  }
}
