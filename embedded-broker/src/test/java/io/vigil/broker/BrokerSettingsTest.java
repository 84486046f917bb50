package io.vigil.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  private static final Path DATA_DIR = Path.of("target", "kafka-data");

  @Test
  void defaultsPickAFreePortAndOverrideNothing() {
    BrokerSettings settings = BrokerSettings.defaults(DATA_DIR);

    assertThat(settings.dataDir()).isEqualTo(DATA_DIR);
    assertThat(settings.port()).isZero();
    assertThat(settings.overrides()).isEmpty();
    assertThat(settings.startupTimeout()).isEqualTo(BrokerSettings.DEFAULT_STARTUP_TIMEOUT);
  }

  @Test
  void withersChangeOneFieldAndKeepTheOthers() {
    BrokerSettings settings =
        BrokerSettings.defaults(DATA_DIR)
            .withPort(19092)
            .withOverride("num.partitions", "3")
            .withStartupTimeout(Duration.ofSeconds(5));

    assertThat(settings)
        .isEqualTo(
            new BrokerSettings(
                DATA_DIR, 19092, Map.of("num.partitions", "3"), Duration.ofSeconds(5)));
  }

  @Test
  void rejectsAMissingDataDir() {
    assertThatThrownBy(() -> BrokerSettings.defaults(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataDir must be set, was null");
  }

  @Test
  void rejectsPortsOutsideTheTcpRangeNamingTheValue() {
    assertThatThrownBy(() -> BrokerSettings.defaults(DATA_DIR).withPort(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port")
        .hasMessageContaining("was -1");
    assertThatThrownBy(() -> BrokerSettings.defaults(DATA_DIR).withPort(65_536))
        .hasMessageContaining("was 65536");
  }

  @Test
  void rejectsOverridesOfTheKeysTheBrokerOwnsListingThem() {
    assertThatThrownBy(() -> BrokerSettings.defaults(DATA_DIR).withOverride("listeners", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overrides.listeners is reserved")
        .hasMessageContaining("advertised.listeners")
        .hasMessageContaining("log.dirs");
  }

  @Test
  void rejectsOverridesWithoutAValue() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("num.partitions", null);

    assertThatThrownBy(
            () ->
                new BrokerSettings(DATA_DIR, 0, overrides, BrokerSettings.DEFAULT_STARTUP_TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("overrides.num.partitions must have a value, was null");
  }

  @Test
  void rejectsANonPositiveStartupTimeout() {
    assertThatThrownBy(() -> BrokerSettings.defaults(DATA_DIR).withStartupTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startupTimeout must be positive, was PT0S");
  }

  @Test
  void keepsItsOwnCopyOfTheOverrides() {
    Map<String, String> overrides = new HashMap<>(Map.of("num.partitions", "3"));
    BrokerSettings settings =
        new BrokerSettings(DATA_DIR, 0, overrides, BrokerSettings.DEFAULT_STARTUP_TIMEOUT);

    overrides.put("num.partitions", "9");

    assertThat(settings.overrides()).containsEntry("num.partitions", "3");
  }

  @Test
  void refusesAnUnknownListenerProtocolListingTheKnownOnes() {
    assertThatThrownBy(() -> BrokerSettings.defaults(DATA_DIR).withSecuredListener("SASL_TLS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("securedListeners: 'SASL_TLS' is not one of [SASL_PLAINTEXT, SASL_SSL, SSL]");
  }
}
