package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.vigil.app.config.ConfigException;
import io.vigil.app.config.DetectionSettings;
import io.vigil.app.config.InputFormat;
import io.vigil.app.config.OutputSettings;
import io.vigil.app.config.TopicNames;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.app.topology.VigilTopology;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.schemas.DenoisedFrame;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional outputs in the topology, with the small PCA model (W=8, S=2, F=4, a code of its 4
 * components): with them on, every scored window also gives a denoised window and an embedding;
 * with them off nothing goes to their topics, which are not even in the catalogue.
 */
class OptionalOutputsTopologyTest {
  private static final DetectionSettings SETTINGS =
      DetectionSettings.defaults().withWindowing(1000, 5000, 3, 20).withOverlapScoring(false);
  private static final int W = 8;
  private static final int GRACE_STEPS = 5;

  @TempDir static Path models;
  private static ScoringModel model;
  private static List<SimulatedFrame> normal;

  private final VigilMetrics metrics = new VigilMetrics();
  private TopologyTestDriver driver;

  @BeforeAll
  static void loadModel() {
    model =
        ScoringModel.load(
            TestModels.small(models), InferenceSettings.defaults().withMaxBatchSize(16), SETTINGS);
    normal =
        TestFleets.frames(SimulatorSettings.defaults(1, 42).withWarmupSteps(Integer.MAX_VALUE), 40);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  /** Pipes frames 0..13 (and the grace after them): windows end at frames 7, 9, 11 and 13. */
  private void scoreFourWindows(TopicCatalogue topics) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "outputs-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            VigilTopology.build(topics, model, SETTINGS, metrics, 1),
            props,
            normal.get(0).eventTime());
    ByteArraySerializer bytes = new ByteArraySerializer();
    TestInputTopic<byte[], byte[]> frames =
        driver.createInputTopic(topics.frames().name(), bytes, bytes);
    for (SimulatedFrame f : normal.subList(0, 14 + GRACE_STEPS)) {
      TelemetryFrame frame =
          TelemetryFrame.newBuilder()
              .setDeviceId(f.deviceId())
              .setEventTime(f.eventTime())
              .setChannels(new HashMap<>(f.channels()))
              .build();
      frames.pipeInput(
          f.deviceId().getBytes(StandardCharsets.UTF_8),
          topics.frames().valueSerde().serializer().serialize(topics.frames().name(), frame),
          f.eventTime());
    }
    driver.advanceWallClockTime(Duration.ofMillis(SETTINGS.batchLingerMillis() + 1));
  }

  private <V> List<V> read(io.vigil.app.topics.Topic<String, V> topic) {
    return driver
        .createOutputTopic(
            topic.name(), new StringDeserializer(), topic.valueSerde().deserializer())
        .readValuesToList();
  }

  @Test
  void everyScoredWindowGivesADenoisedWindowAndAnEmbeddingWhenOn() {
    TopicCatalogue topics =
        TopicCatalogue.of(
            TopicNames.withPrefix("t."), InputFormat.AVRO, new OutputSettings(true, true));

    scoreFourWindows(topics);

    List<WindowScore> scores = read(topics.scores());
    List<DenoisedWindow> denoised = read(topics.denoised());
    List<WindowEmbedding> embeddings = read(topics.embeddings());
    assertThat(scores).hasSize(4);
    assertThat(denoised).hasSize(4);
    assertThat(embeddings).hasSize(4);
    for (int i = 0; i < 4; i++) {
      WindowScore score = scores.get(i);
      DenoisedWindow d = denoised.get(i);
      assertThat(d.getDeviceId()).isEqualTo(score.getDeviceId());
      assertThat(d.getWindowStart()).isEqualTo(score.getWindowStart());
      assertThat(d.getWindowEnd()).isEqualTo(score.getWindowEnd());
      assertThat(d.getModel()).isEqualTo(score.getModel());
      assertThat(d.getChannels()).isEqualTo(model.featureList());
      assertThat(d.getFrames()).hasSize(W);
      // Window i starts at frame 2i; its frames are the ones piped, one a second.
      for (int t = 0; t < W; t++) {
        DenoisedFrame frame = d.getFrames().get(t);
        assertThat(frame.getTime()).isEqualTo(normal.get(2 * i + t).eventTime());
        assertThat(frame.getValues()).hasSize(4).allMatch(Float::isFinite);
      }
      WindowEmbedding e = embeddings.get(i);
      assertThat(e.getDeviceId()).isEqualTo(score.getDeviceId());
      assertThat(e.getWindowEnd()).isEqualTo(score.getWindowEnd());
      assertThat(e.getCode()).hasSize(model.onnx().latentSize()).allMatch(Float::isFinite);
      assertThat(e.getScore()).isEqualTo(score.getScore());
    }
    assertThat(model.onnx().latentSize()).isEqualTo(4);
  }

  @Test
  void denoisedAloneLeavesTheEmbeddingsTopicOut() {
    TopicCatalogue topics =
        TopicCatalogue.of(
            TopicNames.withPrefix("t."), InputFormat.AVRO, new OutputSettings(true, false));

    scoreFourWindows(topics);

    assertThat(read(topics.denoised())).hasSize(4);
    assertThat(driver.producedTopicNames()).doesNotContain(topics.embeddings().name());
  }

  @Test
  void nothingIsPublishedToTheOptionalTopicsWhenOff() {
    TopicCatalogue topics = TopicCatalogue.of(TopicNames.withPrefix("t."), InputFormat.AVRO);

    scoreFourWindows(topics);

    assertThat(read(topics.scores())).hasSize(4);
    assertThat(driver.producedTopicNames())
        .doesNotContain(topics.denoised().name(), topics.embeddings().name());
    assertThat(topics.all()).doesNotContain(topics.denoised(), topics.embeddings());
  }

  @Test
  void embeddingsOfAModelWithoutALatentOutputAreRefusedAtBuild() throws IOException {
    ModelProto pca = ModelProto.parseFrom(Files.readAllBytes(TestModels.small(models)));
    ModelProto.Builder old = pca.toBuilder();
    old.getGraphBuilder().removeOutput(pca.getGraph().getOutputCount() - 1);
    assertThat(pca.getGraph().getOutput(pca.getGraph().getOutputCount() - 1).getName())
        .isEqualTo("latent");
    Path file = models.resolve("old-pca.onnx");
    Files.write(file, old.build().toByteArray());
    TopicCatalogue topics =
        TopicCatalogue.of(
            TopicNames.withPrefix("t."), InputFormat.AVRO, new OutputSettings(false, true));

    try (ScoringModel withoutLatent =
        ScoringModel.load(file, InferenceSettings.defaults(), SETTINGS)) {
      assertThatThrownBy(() -> VigilTopology.build(topics, withoutLatent, SETTINGS, metrics, 1))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("vigil.output.embeddings = 'true' is invalid")
          .hasMessageContaining("has none");
    }
  }
}
