package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through a crash: the application runs in its own JVM, is killed with SIGKILL in the
 * middle of the stream, its local state is wiped, and a new instance finishes the job. The
 * anomalies and scores a read_committed consumer sees are exactly those of an uninterrupted run:
 * nothing lost, nothing duplicated.
 */
@WithKafka
class CrashRecoveryIT {

  @Test
  void aKilledInstanceWithItsStateWipedResumesWithNothingLostOrDuplicated(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(6, 9));
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 2500; k++) {
      frames.addAll(fleet.nextStep());
    }
    Path model = TestModels.demo(dir);

    VigilConfig steady =
        Pipelines.config(
            kafka.bootstrapServers(), "steady.", "steady", dir.resolve("steady"), model);
    TopicCatalogue steadyTopics = Pipelines.createTopics(steady, 3);
    Pipelines.publish(steady, steadyTopics, frames);
    try (VigilApp app = VigilApp.start(steady, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(
          steady, steadyTopics.frames().name(), frames.size(), Duration.ofMinutes(3));
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    VigilConfig crashing =
        Pipelines.config(kafka.bootstrapServers(), "crash.", "crash", dir.resolve("crash"), model);
    TopicCatalogue crashTopics = Pipelines.createTopics(crashing, 3);
    Pipelines.publish(crashing, crashTopics, frames);
    Process process = startInOwnJvm(crashing, dir);
    long committedAtKill;
    try {
      Pipelines.awaitCommitted(
          crashing, crashTopics.frames().name(), frames.size() / 4, Duration.ofMinutes(3));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; the instance's log:\n"
              + Files.readString(dir.resolve("crash-process.log")),
          e);
    } finally {
      process.destroyForcibly(); // SIGKILL: no close, no commit, no leaving the group
      process.waitFor();
    }
    committedAtKill = Pipelines.committed(crashing, crashTopics.frames().name());
    assertThat(committedAtKill).as("killed in the middle of the stream").isLessThan(frames.size());
    deleteRecursively(dir.resolve("crash"));

    try (VigilApp app = VigilApp.start(crashing, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(
          crashing, crashTopics.frames().name(), frames.size(), Duration.ofMinutes(3));
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    assertThat(events(kafka, crashTopics)).isNotEmpty().isEqualTo(events(kafka, steadyTopics));
    List<WindowScore> crashScores = scores(kafka, crashTopics);
    List<WindowScore> steadyScores = scores(kafka, steadyTopics);
    assertThat(crashScores.stream().map(CrashRecoveryIT::name).toList())
        .doesNotHaveDuplicates()
        .hasSizeGreaterThan(1000)
        .isEqualTo(steadyScores.stream().map(CrashRecoveryIT::name).toList());
    // The values too: windows rebuilt from the changelogged frame rings score as the originals
    // did, and thresholds restored from the detectors' changelog go on as an uninterrupted run's.
    // (Micro-batches differ between the runs; ONNX Runtime's per-row results may differ in the
    // last bits with the batch size, hence the tolerance.)
    for (int i = 0; i < crashScores.size(); i++) {
      WindowScore crash = crashScores.get(i);
      WindowScore uninterrupted = steadyScores.get(i);
      assertThat(crash.getScore())
          .as(name(crash))
          .isCloseTo(uninterrupted.getScore(), within(1e-6));
      assertThat(crash.getThreshold())
          .as(name(crash))
          .isCloseTo(uninterrupted.getThreshold(), within(1e-6));
      assertThat(crash.getExceeded()).as(name(crash)).isEqualTo(uninterrupted.getExceeded());
    }
  }

  private static String name(WindowScore s) {
    return s.getDeviceId() + "@" + s.getWindowEnd();
  }

  /** Anomaly events per device, in order, without the fields that name the topic run. */
  private static Map<String, List<String>> events(KafkaCluster kafka, TopicCatalogue topics) {
    Map<String, List<String>> byDevice = new TreeMap<>();
    for (var r :
        Pipelines.readAll(
            kafka.bootstrapServers(),
            topics.anomalies().name(),
            new StringDeserializer(),
            topics.anomalies().valueSerde().deserializer())) {
      AnomalyEvent e = r.value();
      byDevice
          .computeIfAbsent(e.getDeviceId(), d -> new ArrayList<>())
          .add(
              e.getEpisodeId()
                  + " "
                  + e.getKind()
                  + " "
                  + e.getStartTime()
                  + " "
                  + e.getEndTime()
                  + " "
                  + e.getEventTime());
    }
    return byDevice;
  }

  /** Every scored window, sorted by device and end time. */
  private static List<WindowScore> scores(KafkaCluster kafka, TopicCatalogue topics) {
    return Pipelines.readAll(
            kafka.bootstrapServers(),
            topics.scores().name(),
            new StringDeserializer(),
            topics.scores().valueSerde().deserializer())
        .stream()
        .map(r -> r.value())
        .sorted(
            Comparator.comparing(WindowScore::getDeviceId).thenComparing(WindowScore::getWindowEnd))
        .toList();
  }

  private static Process startInOwnJvm(VigilConfig config, Path dir) throws IOException {
    Properties p = new Properties();
    p.setProperty("vigil.bootstrap.servers", config.bootstrapServers());
    p.setProperty("vigil.application.id", config.applicationId());
    p.setProperty("vigil.topic.prefix", config.topics().prefix());
    p.setProperty("vigil.state.dir", config.stateDir().toString());
    p.setProperty("vigil.model.path", config.model().toString());
    p.setProperty("vigil.commit.interval.ms", Long.toString(config.commitIntervalMillis()));
    // Small polls stretch the run, so that the kill lands in its middle.
    p.setProperty("kafka.max.poll.records", "50");
    Path file = dir.resolve("crash.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "crash test");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            VigilApp.class.getName(),
            file.toString());
    pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("crash-process.log").toFile());
    return pb.start();
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
