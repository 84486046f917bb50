package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.RunOutputs;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.VigilProcesses;
import io.vigil.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(6, 9), 2500);
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
    // Small polls stretch the run, so that the kill lands in its middle.
    Process process =
        VigilProcesses.start(
            crashing, crashing.stateDir(), dir, "crash", Map.of("kafka.max.poll.records", "50"));
    long committedAtKill;
    try {
      Pipelines.awaitCommitted(
          crashing, crashTopics.frames().name(), frames.size() / 4, Duration.ofMinutes(3));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; the instance's log:\n"
              + Files.readString(VigilProcesses.log(dir, "crash")),
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

    assertThat(RunOutputs.events(kafka.bootstrapServers(), crashTopics))
        .isNotEmpty()
        .isEqualTo(RunOutputs.events(kafka.bootstrapServers(), steadyTopics));
    // The values too: windows rebuilt from the changelogged frame rings score as the originals
    // did, and thresholds restored from the detectors' changelog go on as an uninterrupted run's.
    RunOutputs.assertSameScores(
        RunOutputs.scores(kafka.bootstrapServers(), crashTopics),
        RunOutputs.scores(kafka.bootstrapServers(), steadyTopics));
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
