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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of one application, each in its own JVM, share the partitions; one is killed with
 * SIGKILL in the middle of the stream and the other two take over its tasks. The anomalies and
 * scores a read_committed consumer sees are exactly those of a single instance on the same input.
 */
@WithKafka
class ScaleOutIT {
  private static final int PARTITIONS = 6;

  @Test
  void threeInstancesWithOneKilledCommitWhatASingleInstanceDoes(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(12, 21), 1500);
    Path model = TestModels.demo(dir);

    VigilConfig single =
        Pipelines.config(
            kafka.bootstrapServers(), "single.", "single", dir.resolve("single"), model);
    TopicCatalogue singleTopics = Pipelines.createTopics(single, PARTITIONS);
    Pipelines.publish(single, singleTopics, frames);
    try (VigilApp app = VigilApp.start(single, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(
          single, singleTopics.frames().name(), frames.size(), Duration.ofMinutes(3));
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    }

    VigilConfig shared =
        Pipelines.config(kafka.bootstrapServers(), "shared.", "shared", dir.resolve("s"), model);
    TopicCatalogue sharedTopics = Pipelines.createTopics(shared, PARTITIONS);
    Pipelines.publish(shared, sharedTopics, frames);
    // Small polls stretch the run so that the kill lands in its middle; a short session lets the
    // group notice the killed member in seconds rather than Kafka's default 45.
    Map<String, String> more =
        Map.of("kafka.max.poll.records", "50", "kafka.session.timeout.ms", "6000");
    List<Process> instances = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        instances.add(
            VigilProcesses.start(shared, dir.resolve("state-" + i), dir, "instance-" + i, more));
      }
      Pipelines.awaitCommitted(
          shared, sharedTopics.frames().name(), frames.size() / 3, Duration.ofMinutes(3));
      Process victim = instances.get(1);
      victim.destroyForcibly(); // SIGKILL: no close, no commit, no leaving the group
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Pipelines.committed(shared, sharedTopics.frames().name()))
          .as("killed in the middle of the stream")
          .isLessThan(frames.size());
      Pipelines.awaitCommitted(
          shared, sharedTopics.frames().name(), frames.size(), Duration.ofMinutes(3));
      assertThat(instances.get(0).isAlive()).isTrue();
      assertThat(instances.get(2).isAlive()).isTrue();
    } catch (AssertionError e) {
      StringBuilder logs = new StringBuilder(e.getMessage());
      for (int i = 0; i < 3; i++) {
        logs.append("\n--- instance-").append(i).append(" log:\n");
        logs.append(Files.readString(VigilProcesses.log(dir, "instance-" + i)));
      }
      throw new AssertionError(logs.toString(), e);
    } finally {
      for (Process p : instances) {
        p.destroy(); // SIGTERM: the survivors close cleanly
      }
      for (Process p : instances) {
        p.waitFor(60, TimeUnit.SECONDS);
      }
    }

    assertThat(RunOutputs.events(kafka.bootstrapServers(), sharedTopics))
        .isNotEmpty()
        .isEqualTo(RunOutputs.events(kafka.bootstrapServers(), singleTopics));
    RunOutputs.assertSameScores(
        RunOutputs.scores(kafka.bootstrapServers(), sharedTopics),
        RunOutputs.scores(kafka.bootstrapServers(), singleTopics));
  }
}
