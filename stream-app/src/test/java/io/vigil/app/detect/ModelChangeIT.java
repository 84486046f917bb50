package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of another window shape replaces the running one while windows wait for scoring: the
 * application is closed with windows of model A (W=8, S=2) pending, and restarted on the same state
 * with model B (W=16, S=4). Each pending window is dead-lettered as MODEL_CHANGED, naming its
 * device and both shapes, and model B scores the windows of the frames that follow.
 */
@WithKafka
class ModelChangeIT {
  private static final String DEVICE = "device-000";
  private static final Duration WITHIN = Duration.ofSeconds(60);

  /** Frames under model A: frames 0..14 are released (5 s grace), cutting windows 7, 9, 11, 13. */
  private static final int FRAMES_A = 20;

  private static final int PENDING = 4;

  /** Frames under model B, from frame 20: released up to 54, windows ending at 35, 39, ..., 51. */
  private static final int FRAMES_B = 40;

  @Test
  void windowsPendingAtAChangeOfWindowShapeAreDeadLetteredAndTheNewModelScoresNewOnes(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    List<SimulatedFrame> frames =
        TestFleets.frames(
            SimulatorSettings.defaults(1, 7).withWarmupSteps(Integer.MAX_VALUE),
            FRAMES_A + FRAMES_B);
    // Model A's windows wait for a full batch or a minute: none is scored before the close.
    VigilConfig configA =
        Pipelines.config(
            kafka.bootstrapServers(),
            "model-change.",
            "model-change",
            dir.resolve("state"),
            TestModels.small(dir),
            Map.of("vigil.inference.batch-linger.ms", "60000"));
    VigilConfig configB =
        Pipelines.config(
            kafka.bootstrapServers(),
            "model-change.",
            "model-change",
            dir.resolve("state"),
            TestModels.small16(dir));
    TopicCatalogue topics = Pipelines.createTopics(configA, 1);
    String framesTopic = topics.frames().name();

    Pipelines.publish(configA, topics, frames.subList(0, FRAMES_A));
    try (VigilApp app = VigilApp.start(configA, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(configA, framesTopic, FRAMES_A, WITHIN);
      assertThat(app.metrics().windowCount()).as("windows scored under model A").isZero();
    }

    try (VigilApp app = VigilApp.start(configB, Duration.ofMinutes(2));
        FramePublisher publisher =
            new FramePublisher(kafka.bootstrapServers(), topics.frames(), Map.of())) {
      frames.subList(FRAMES_A, FRAMES_A + FRAMES_B).forEach(publisher::send);
      publisher.flush();
      Pipelines.awaitCommitted(configB, framesTopic, FRAMES_A + FRAMES_B, WITHIN);
      List<WindowScore> scores = awaitScores(configB, topics, 5);

      assertThat(scores)
          .extracting(
              s -> s.getWindowEnd().getEpochSecond() - frames.get(0).eventTime().getEpochSecond())
          .containsExactly(35L, 39L, 43L, 47L, 51L);
      assertThat(scores)
          .allSatisfy(
              s ->
                  assertThat(Duration.between(s.getWindowStart(), s.getWindowEnd()))
                      .isEqualTo(Duration.ofSeconds(15)));
      assertThat(app.metrics().deadLetterCount(DeadLetterReason.MODEL_CHANGED)).isEqualTo(PENDING);
      assertThat(app.stateChanges()).hasSize(2);
      assertThat(app.metrics().streamThreadReplacedCount()).isZero();
    }

    List<DeadLetter> letters =
        Pipelines.readAll(
                kafka.bootstrapServers(),
                topics.deadLetter().name(),
                new StringDeserializer(),
                topics.deadLetter().valueSerde().deserializer())
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(letters).hasSize(PENDING);
    for (int i = 0; i < PENDING; i++) {
      DeadLetter l = letters.get(i);
      assertThat(l.getErrorKind()).isEqualTo(DeadLetterReason.MODEL_CHANGED);
      assertThat(l.getDeviceId()).isEqualTo(DEVICE);
      assertThat(l.getErrorMessage())
          .contains(
              "device '" + DEVICE + "'",
              "pending window " + (i + 1) + " of " + PENDING,
              "W=8, S=2",
              "expects W=16, S=4");
    }
  }

  /** Scores of the run, read_committed, once at least {@code count} are there. */
  private static List<WindowScore> awaitScores(VigilConfig config, TopicCatalogue topics, int count)
      throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    List<WindowScore> scores = List.of();
    while (System.nanoTime() < deadline) {
      scores =
          Pipelines.readAll(
                  config.bootstrapServers(),
                  topics.scores().name(),
                  new StringDeserializer(),
                  topics.scores().valueSerde().deserializer())
              .stream()
              .map(ConsumerRecord::value)
              .toList();
      if (scores.size() >= count) {
        return scores;
      }
    }
    throw new AssertionError(
        "expected " + count + " scores within " + WITHIN + ", found " + scores.size());
  }
}
