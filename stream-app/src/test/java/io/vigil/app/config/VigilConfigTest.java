package io.vigil.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VigilConfigTest {

  private static Properties props(String... kv) {
    return VigilConfig.properties(kv);
  }

  @Test
  void defaultsAreExactlyOnceWithPrefixedTopics() {
    VigilConfig c = VigilConfig.fromProperties(props("vigil.bootstrap.servers", "k1:9092"));
    assertThat(c.exactlyOnce()).isTrue();
    assertThat(c.applicationId()).isEqualTo("vigil");
    assertThat(c.inputFormat()).isEqualTo(InputFormat.AVRO);
    assertThat(c.topics().framesTopic()).isEqualTo("vigil.frames");
    assertThat(c.topics().deadLetterTopic()).isEqualTo("vigil.dead-letter");
  }

  @Test
  void passesKafkaKeysToTheClientsWithoutThePrefix() {
    VigilConfig c =
        VigilConfig.fromProperties(
            props(
                "vigil.bootstrap.servers",
                "k1:9092",
                "kafka.security.protocol",
                "SASL_SSL",
                "vigil.topic.prefix",
                "replay-7."));
    assertThat(c.kafka()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.topics().anomaliesTopic()).isEqualTo("replay-7.anomalies");
  }

  @Test
  void refusesAnUnknownVigilKeyNamingIt() {
    assertThatThrownBy(
            () ->
                VigilConfig.fromProperties(
                    props("vigil.bootstrap.servers", "k:1", "vigil.topic.prefx", "x.")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration key vigil.topic.prefx is unknown")
        .hasMessageContaining("did you mean vigil.topic.prefix?");
  }

  @Test
  void optionalOutputsAreOffByDefaultAndTurnedOnOneByOne() {
    VigilConfig off = VigilConfig.fromProperties(props("vigil.bootstrap.servers", "k1:9092"));
    VigilConfig on =
        VigilConfig.fromProperties(
            props(
                "vigil.bootstrap.servers",
                "k1:9092",
                "vigil.output.denoised",
                "true",
                "vigil.topic.embeddings",
                "codes"));

    assertThat(off.outputs()).isEqualTo(OutputSettings.NONE);
    assertThat(on.outputs()).isEqualTo(new OutputSettings(true, false));
    assertThat(on.topics().denoisedTopic()).isEqualTo("vigil.denoised");
    assertThat(on.topics().embeddingsTopic()).isEqualTo("vigil.codes");
  }

  @Test
  void refusesAnOutputFlagThatIsNotTrueOrFalse() {
    assertThatThrownBy(
            () ->
                VigilConfig.fromProperties(
                    props("vigil.bootstrap.servers", "k:1", "vigil.output.embeddings", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "configuration vigil.output.embeddings = 'yes' is invalid; expected true or false");
  }

  @Test
  void refusesAMissingBootstrap() {
    assertThatThrownBy(() -> VigilConfig.fromProperties(props()))
        .hasMessageContaining("vigil.bootstrap.servers")
        .hasMessageContaining("host:port");
  }

  @Test
  void refusesAnUnknownGuaranteeListingTheAllowedOnes() {
    assertThatThrownBy(
            () ->
                VigilConfig.fromProperties(
                    props(
                        "vigil.bootstrap.servers",
                        "k:1",
                        "vigil.processing.guarantee",
                        "exactly_once")))
        .hasMessageContaining("'exactly_once'")
        .hasMessageContaining("exactly_once_v2 or at_least_once");
  }

  @Test
  void refusesAnUnknownInputFormat() {
    assertThatThrownBy(
            () ->
                VigilConfig.fromProperties(
                    props("vigil.bootstrap.servers", "k:1", "vigil.input.format", "csv")))
        .hasMessageContaining("one of [avro, json]");
  }

  @Test
  void refusesKeysOutsideBothNamespaces() {
    assertThatThrownBy(() -> VigilConfig.fromProperties(props("bootstrap.servers", "k:1")))
        .hasMessageContaining("a key starting with 'vigil.' or 'kafka.'");
  }

  @Test
  void defaultsForAClusterUseTheGivenStateDir() {
    VigilConfig c = VigilConfig.defaults("k:1", Path.of("/tmp/s"));
    assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/s"));
  }
}
