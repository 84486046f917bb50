package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.WindowEmbedding;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional outputs on a real broker, exactly-once: {@code --create-topics} creates their topics
 * because they are on, and once the application has stopped, the committed denoised windows and
 * embeddings are one per committed score, for the same windows (they are forwarded with the score,
 * in the same transaction).
 */
@WithKafka
class OptionalOutputsIT {

  @Test
  void denoisedWindowsAndEmbeddingsAreCommittedOnePerScore(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "outputs-it.",
            "outputs-it",
            dir.resolve("state"),
            TestModels.small(dir),
            Map.of("vigil.output.denoised", "true", "vigil.output.embeddings", "true"));
    TopicCatalogue topics = Pipelines.createTopics(config, 2);
    assertThat(topics.all()).contains(topics.denoised(), topics.embeddings());
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(3, 11), 200);

    Pipelines.publish(config, topics, frames);
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(
          config, topics.frames().name(), frames.size(), Duration.ofMinutes(1));
      assertThat(app.metrics().windowCount()).isPositive();
    }
    // Stopped: nothing more is committed, so the three topics are read at one point.

    List<WindowScore> scores = read(kafka, topics.scores());
    List<DenoisedWindow> denoised = read(kafka, topics.denoised());
    List<WindowEmbedding> embeddings = read(kafka, topics.embeddings());
    assertThat(scores).hasSizeGreaterThan(3 * 80);
    assertThat(denoised)
        .extracting(d -> d.getDeviceId() + "@" + d.getWindowEnd())
        .containsExactlyInAnyOrderElementsOf(
            scores.stream().map(s -> s.getDeviceId() + "@" + s.getWindowEnd()).toList());
    assertThat(embeddings)
        .extracting(e -> e.getDeviceId() + "@" + e.getWindowEnd())
        .containsExactlyInAnyOrderElementsOf(
            scores.stream().map(s -> s.getDeviceId() + "@" + s.getWindowEnd()).toList());
    assertThat(denoised)
        .allSatisfy(
            d -> {
              assertThat(d.getFrames()).hasSize(8);
              assertThat(d.getFrames()).allSatisfy(f -> assertThat(f.getValues()).hasSize(4));
              assertThat(d.getFrames().get(0).getTime()).isEqualTo(d.getWindowStart());
              assertThat(d.getFrames().get(7).getTime()).isEqualTo(d.getWindowEnd());
            });
    assertThat(embeddings).allSatisfy(e -> assertThat(e.getCode()).hasSize(4));
  }

  private static <V> List<V> read(KafkaCluster kafka, Topic<String, V> topic) {
    return Pipelines.readAll(
            kafka.bootstrapServers(),
            topic.name(),
            new StringDeserializer(),
            topic.valueSerde().deserializer())
        .stream()
        .map(r -> r.value())
        .toList();
  }
}
