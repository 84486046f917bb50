package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.Secrets;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.model.linear.SimulatedFleetModels;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigil against a cluster that needs SASL: PLAIN over SASL_PLAINTEXT and SCRAM-SHA-512 over
 * SASL_SSL (a certificate made at test time). The right credentials run the stream application and
 * the commands; wrong ones end {@code vigil run} at start with exit status 1 and one line naming
 * the address, the protocol, the mechanism and the cause, and no password is ever printed.
 */
class SaslIT extends CliTest {
  @TempDir static Path shared;
  private static SecureBroker cluster;
  private static Path model;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = SecureBroker.start(shared);
    model = shared.resolve("model.onnx");
    SimulatedFleetModels.pca(model, 42, 8, 2, 4);
  }

  @AfterAll
  static void stopBroker() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void plainOverSaslPlaintextRunsTheApplicationEndToEnd() throws Exception {
    runsAndScores("plain", cluster.plain(SecureBroker.PLAIN_PASSWORD));
  }

  @Test
  void scramSha512OverSaslSslRunsTheApplicationEndToEnd() throws Exception {
    runsAndScores("scram", cluster.scramOverTls(SecureBroker.SCRAM_PASSWORD));
  }

  @Test
  void theCommandsTakeTheSecuritySettingsFromTheConfigFile() throws Exception {
    Path config = config("list", cluster.scramOverTls(SecureBroker.SCRAM_PASSWORD));
    assertThat(vigil("replay", "--config", config.toString(), "--list"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("replay namespaces=");
  }

  @Test
  void aWrongPlainPasswordEndsRunAtStartWithOneLine() throws Exception {
    Path config = config("wrong-plain", cluster.plain("not-the-password"));
    String logged = failsWithOneLine(config);
    assertThat(err.toString())
        .contains(
            "vigil run: Kafka at "
                + cluster.broker().bootstrapServers("SASL_PLAINTEXT")
                + " (SASL_PLAINTEXT, PLAIN) refused the credentials")
        .doesNotContain("not-the-password");
    assertThat(logged).doesNotContain("not-the-password");
  }

  @Test
  void aWrongScramPasswordEndsRunAtStartWithOneLineAndNoSecretIsPrinted() throws Exception {
    Path config = config("wrong-scram", cluster.scramOverTls("bob-pw-wrong"));
    String logged = failsWithOneLine(config);
    assertThat(err.toString())
        .contains(
            "vigil run: Kafka at "
                + cluster.broker().bootstrapServers("SASL_SSL")
                + " (SASL_SSL, SCRAM-SHA-512) refused the credentials");
    // The effective configuration is printed at start, its secrets masked.
    assertThat(logged)
        .contains("kafka.sasl.jaas.config = " + Secrets.MASK)
        .contains("kafka.ssl.truststore.password = " + Secrets.MASK)
        .contains("kafka.sasl.mechanism = SCRAM-SHA-512")
        .doesNotContain("bob-pw-wrong")
        .doesNotContain(SecureBroker.STORE_PASSWORD);
  }

  @Test
  void anUntrustedCertificateEndsRunAtStartWithOneLine() throws Exception {
    List<String> lines = new ArrayList<>(cluster.scramOverTls(SecureBroker.SCRAM_PASSWORD));
    lines.removeIf(l -> l.startsWith("kafka.ssl.truststore"));
    failsWithOneLine(config("untrusted", lines));
    assertThat(err.toString())
        .contains(
            "vigil run: TLS handshake with Kafka at "
                + cluster.broker().bootstrapServers("SASL_SSL")
                + " (SASL_SSL, SCRAM-SHA-512) failed");
  }

  private String failsWithOneLine(Path config) {
    return failsAtStart(Duration.ofSeconds(10), "run", "--config", config.toString());
  }

  private void runsAndScores(String name, List<String> security) throws Exception {
    Path file = config(name, security);
    VigilConfig config = ConfigFiles.load(file);
    Map<String, Object> client = new HashMap<>(config.kafka());
    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    TopicCatalogue topics = TopicCatalogue.of(config.topics(), config.inputFormat());
    try (Admin admin = Admin.create(client)) {
      topics.createMissing(admin, 1, (short) 1);
    }
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(1, 7));
      try (FramePublisher publisher =
          new FramePublisher(config.bootstrapServers(), topics.frames(), config.kafka())) {
        for (int k = 0; k < 40; k++) {
          fleet.nextStep().forEach(publisher::send);
        }
        publisher.flush();
      }
      assertThat(committedRecords(client, topics.scores().name(), 1)).isPositive();
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  /** Reads the topic (committed records only) until it holds at least {@code atLeast}. */
  private static int committedRecords(Map<String, Object> client, String topic, int atLeast) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "sasl-it-reader");
    int seen = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (seen < atLeast && System.nanoTime() < deadline) {
        seen += consumer.poll(Duration.ofMillis(500)).count();
      }
    }
    return seen;
  }

  private Path config(String name, List<String> security) throws Exception {
    List<String> lines = new ArrayList<>(security);
    lines.add("vigil.application.id=sasl-" + name);
    lines.add("vigil.topic.prefix=" + name + ".");
    lines.add("vigil.state.dir=" + dir.resolve("state"));
    lines.add("vigil.model.path=" + model);
    lines.add("vigil.commit.interval.ms=200");
    lines.add("vigil.http.port=-1");
    lines.add("vigil.startup.timeout=5s");
    Path file = dir.resolve(name + ".properties");
    Files.write(file, lines);
    return file;
  }
}
