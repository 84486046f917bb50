package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.model.linear.SimulatedFleetModels;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that talks to Kafka fails at start within seconds, with exit status 1 and one line
 * saying what is wrong, when the cluster is unreachable, a topic is missing, the model is invalid
 * or the state directory cannot be written (instead of Kafka's minute of retries).
 */
class StartupFailuresIT extends CliTest {
  private static final Duration SECONDS = Duration.ofSeconds(8);

  @TempDir static Path shared;
  private static EmbeddedKafkaBroker broker;
  private static Path model;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(BrokerSettings.defaults(shared.resolve("broker")));
    model = shared.resolve("model.onnx");
    SimulatedFleetModels.pca(model, 42, 8, 2, 4);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void simulateIntoAMissingTopicSaysSo() {
    failsAtStart(
        SECONDS,
        "simulate",
        "--devices",
        "1",
        "--duration",
        "1m",
        "--seed",
        "1",
        "--bootstrap",
        broker.bootstrapServers(),
        "--topic",
        "vigil.frames");
    assertThat(err.toString())
        .isEqualTo(
            "vigil simulate: topic vigil.frames does not exist on Kafka at "
                + broker.bootstrapServers()
                + " (PLAINTEXT); create it first (`vigil run --create-topics` creates Vigil's"
                + " topics)"
                + System.lineSeparator());
  }

  @Test
  void runWithoutItsTopicsNamesThemAndTheOptionThatCreatesThem() throws Exception {
    failsAtStart(SECONDS, "run", "--config", config("missing").toString());
    assertThat(err.toString())
        .startsWith(
            "vigil run: topics missing.frames, missing.readings, missing.policies,"
                + " missing.policies-active, missing.scores, missing.anomalies,"
                + " missing.dead-letter do not exist on Kafka at "
                + broker.bootstrapServers())
        .contains("`vigil run --create-topics` creates Vigil's topics");
  }

  @Test
  void runAgainstAnUnreachableClusterGivesUpAfterTheStartupTimeout() throws Exception {
    String closed = "127.0.0.1:" + closedPort();
    Path config = config("unreachable", "vigil.bootstrap.servers=" + closed);
    failsAtStart(SECONDS, "run", "--config", config.toString());
    assertThat(err.toString())
        .startsWith(
            "vigil run: no answer from Kafka at " + closed + " (PLAINTEXT) within 2 s (is it");
  }

  @Test
  void runWithAnInvalidModelSaysWhichFileAndWhy() throws Exception {
    Path bad = dir.resolve("not-a-model.onnx");
    Files.writeString(bad, "not onnx");
    failsAtStart(SECONDS, "run", "--config", config("model", "vigil.model.path=" + bad).toString());
    assertThat(err.toString())
        .startsWith("vigil run: vigil.model.path " + bad + " is not a usable model: ");
  }

  @Test
  void runWithAStateDirThatCannotBeWrittenSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "");
    Path state = file.resolve("state");
    failsAtStart(
        SECONDS, "run", "--config", config("state", "vigil.state.dir=" + state).toString());
    assertThat(err.toString())
        .startsWith("vigil run: vigil.state.dir " + state + " is not a writable directory: ");
  }

  @Test
  void replayIntoTheLiveTopicWhenItIsMissingSaysSo() throws Exception {
    Path data = dir.resolve("sim.csv");
    assertThat(
            vigil(
                "simulate",
                "--devices",
                "1",
                "--duration",
                "2m",
                "--seed",
                "3",
                "--out",
                data.toString()))
        .isZero();
    failsAtStart(
        SECONDS,
        "replay",
        "--config",
        config("replay").toString(),
        "--live",
        "r1",
        "--data",
        data.toString());
    assertThat(err.toString())
        .startsWith("vigil replay: topic replay.frames does not exist on Kafka at ");
  }

  @Test
  void backtestFromAMissingTopicSaysSo() {
    failsAtStart(
        SECONDS,
        "backtest",
        "--kafka-bootstrap",
        broker.bootstrapServers(),
        "--kafka-topic",
        "no.such.topic",
        "--from",
        "2026-01-01T00:00:00Z",
        "--to",
        "2026-01-02T00:00:00Z",
        "--out",
        dir.resolve("bt").toString());
    assertThat(err.toString())
        .startsWith(
            "vigil backtest: topic no.such.topic does not exist on Kafka at "
                + broker.bootstrapServers());
  }

  private Path config(String name, String... more) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("vigil.bootstrap.servers=" + broker.bootstrapServers());
    lines.add("vigil.application.id=startup-" + name);
    lines.add("vigil.topic.prefix=" + name + ".");
    lines.add("vigil.state.dir=" + dir.resolve("state"));
    lines.add("vigil.model.path=" + model);
    lines.add("vigil.http.port=-1");
    lines.add("vigil.startup.timeout=2s");
    for (String line : more) {
      String key = line.substring(0, line.indexOf('='));
      lines.removeIf(l -> l.startsWith(key + "="));
      lines.add(line);
    }
    Path file = dir.resolve(name + ".properties");
    Files.write(file, lines);
    return file;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
