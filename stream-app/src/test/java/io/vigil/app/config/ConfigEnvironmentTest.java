package io.vigil.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The environment's overrides, the refusal of unknown keys and variables, keys that belong to
 * Vigil's own settings, and the effective configuration printed at start with its secrets masked.
 */
class ConfigEnvironmentTest {
  private static final Properties FILE =
      VigilConfig.properties(
          "vigil.bootstrap.servers", "k1:9092",
          "vigil.detection.grace.ms", "5000",
          "kafka.security.protocol", "SASL_SSL",
          "kafka.sasl.jaas.config",
              "org.apache.kafka.common.security.scram.ScramLoginModule required"
                  + " username=\"u\" password=\"file-secret\";");

  @Test
  void namesEachVariableAfterItsKey() {
    assertThat(EnvironmentNames.of("vigil.detection.grace.ms"))
        .isEqualTo("VIGIL_DETECTION_GRACE_MS");
    assertThat(EnvironmentNames.of("vigil.inference.intra-op-threads"))
        .isEqualTo("VIGIL_INFERENCE_INTRA_OP_THREADS");
    assertThat(EnvironmentNames.of("kafka.sasl.jaas.config"))
        .isEqualTo("VIGIL_KAFKA_SASL_JAAS_CONFIG");
  }

  @Test
  void aVariableOverridesTheFileAndSaysSo() {
    VigilConfig.Loaded loaded =
        VigilConfig.load(
            FILE,
            Map.of(
                "VIGIL_DETECTION_GRACE_MS", "7000",
                "VIGIL_INFERENCE_INTRA_OP_THREADS", "2",
                "VIGIL_BOOTSTRAP_SERVERS", "k2:9093"));
    assertThat(loaded.config().detection().graceMillis()).isEqualTo(7000);
    assertThat(loaded.config().inference().intraOpThreads()).isEqualTo(2);
    assertThat(loaded.config().bootstrapServers()).isEqualTo("k2:9093");
    assertThat(loaded.describe())
        .contains(
            "vigil.detection.grace.ms = 7000  (env VIGIL_DETECTION_GRACE_MS)",
            "vigil.bootstrap.servers = k2:9093  (env VIGIL_BOOTSTRAP_SERVERS)",
            "vigil.application.id = vigil",
            "vigil.detection.unknown-channels = ignore");
  }

  @Test
  void aKafkaVariablePassesAnySettingToTheClients() {
    VigilConfig c =
        VigilConfig.load(
                FILE,
                Map.of(
                    "VIGIL_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "VIGIL_KAFKA_NUM_STREAM_THREADS", "3",
                    "VIGIL_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                    "KAFKA_HEAP_OPTS", "-Xmx1g"))
            .config();
    assertThat(c.kafka())
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("num.stream.threads", "3")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .doesNotContainKey("heap.opts");
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> VigilConfig.load(FILE, Map.of("VIGIL_DETECTION_GRACE_MS", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "configuration vigil.detection.grace.ms = 'soon' is invalid; expected an integer");
  }

  @Test
  void anUnknownVigilVariableIsRefusedWithASuggestion() {
    assertThatThrownBy(() -> VigilConfig.load(FILE, Map.of("VIGIL_DETECTION_GRACE", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "environment variable VIGIL_DETECTION_GRACE names no setting;"
                + " did you mean VIGIL_DETECTION_GRACE_MS?");
  }

  @Test
  void theLaunchersOwnVariableIsNotASetting() {
    assertThat(
            VigilConfig.load(FILE, Map.of("VIGIL_JAVA_OPTS", "-Xmx2g")).config().bootstrapServers())
        .isEqualTo("k1:9092");
  }

  @Test
  void anUnknownKeyWithoutANearOneIsRefusedWithoutAGuess() {
    Properties p = new Properties();
    p.putAll(FILE);
    p.setProperty("vigil.colour", "blue");
    assertThatThrownBy(() -> VigilConfig.load(p, Map.of()))
        .hasMessage(
            "configuration key vigil.colour is unknown (the README's configuration table lists"
                + " every key)");
  }

  @Test
  void aKafkaKeyForASettingVigilOwnsNamesTheVigilKey() {
    Properties p = new Properties();
    p.putAll(FILE);
    p.setProperty("kafka.application.id", "other");
    assertThatThrownBy(() -> VigilConfig.load(p, Map.of()))
        .hasMessage(
            "configuration kafka.application.id = 'other' is invalid; expected"
                + " vigil.application.id");
  }

  @Test
  void secretsAreMaskedInTheEffectiveConfigurationAndInToString() {
    Properties p = new Properties();
    p.putAll(FILE);
    p.setProperty("vigil.http.token", "a-token-of-24-characters");
    p.setProperty("kafka.ssl.truststore.password", "trust-secret");
    p.setProperty("kafka.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- abc");
    VigilConfig.Loaded loaded =
        VigilConfig.load(p, Map.of("VIGIL_KAFKA_SSL_KEY_PASSWORD", "env-secret"));
    String printed = String.join("\n", loaded.describe()) + loaded.config();
    assertThat(printed)
        .contains(
            "kafka.sasl.jaas.config = " + Secrets.MASK + "  (file)",
            "kafka.ssl.key.password = " + Secrets.MASK + "  (env VIGIL_KAFKA_SSL_KEY_PASSWORD)",
            "vigil.http.token = " + Secrets.MASK,
            "kafka.security.protocol = SASL_SSL")
        .doesNotContain("file-secret", "trust-secret", "env-secret", "PRIVATE KEY")
        .doesNotContain("a-token-of-24-characters");
  }
}
