package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class BrokerModeTest {

  @Test
  void absentOrBlankPropertyMeansAuto() {
    assertThat(BrokerMode.parse(null)).isEqualTo(BrokerMode.AUTO);
    assertThat(BrokerMode.parse("  ")).isEqualTo(BrokerMode.AUTO);
  }

  @Test
  void parsesValuesRegardlessOfCase() {
    assertThat(BrokerMode.parse("Embedded")).isEqualTo(BrokerMode.EMBEDDED);
    assertThat(BrokerMode.parse(" container ")).isEqualTo(BrokerMode.CONTAINER);
  }

  @Test
  void rejectsUnknownValuesNamingTheAllowedOnes() {
    assertThatThrownBy(() -> BrokerMode.parse("docker"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("vigil.test.broker='docker'")
        .hasMessageContaining("[auto, embedded, container]");
  }

  @Test
  void autoPicksAContainerOnlyWhenDockerIsAvailable() {
    assertThat(BrokerMode.AUTO.resolve(() -> true)).isEqualTo(KafkaCluster.Kind.CONTAINER);
    assertThat(BrokerMode.AUTO.resolve(() -> false)).isEqualTo(KafkaCluster.Kind.EMBEDDED);
  }

  @Test
  void embeddedNeverProbesDocker() {
    assertThat(
            BrokerMode.EMBEDDED.resolve(
                () -> {
                  throw new AssertionError("Docker must not be probed");
                }))
        .isEqualTo(KafkaCluster.Kind.EMBEDDED);
  }

  @Test
  void containerWithoutDockerFailsSayingSo() {
    assertThat(BrokerMode.CONTAINER.resolve(() -> true)).isEqualTo(KafkaCluster.Kind.CONTAINER);
    assertThatThrownBy(() -> BrokerMode.CONTAINER.resolve(() -> false))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("requires Docker")
        .hasMessageContaining("no Docker environment is available");
  }
}
