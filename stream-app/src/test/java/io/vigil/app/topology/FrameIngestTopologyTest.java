package io.vigil.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.config.DetectionSettings;
import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.detect.ScoringModel;
import io.vigil.app.ingest.ValueChecks;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameIngestTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static final DetectionSettings SETTINGS = DetectionSettings.defaults();
  @TempDir static Path models;
  private static ScoringModel model;

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> frames;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TopicCatalogue topics;

  @BeforeAll
  static void loadModel() {
    model = ScoringModel.load(TestModels.small(models), InferenceSettings.defaults(), SETTINGS);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  private void start(InputFormat format) {
    start(format, SETTINGS, new VigilMetrics());
  }

  private void start(InputFormat format, DetectionSettings settings, VigilMetrics metrics) {
    topics = TopicCatalogue.of(TopicNames.withPrefix("t."), format);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(VigilTopology.build(topics, model, settings, metrics, 1), props, T0);
    frames =
        driver.createInputTopic(
            topics.frames().name(), new ByteArraySerializer(), new ByteArraySerializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetter().name(),
            new StringDeserializer(),
            topics.deadLetter().valueSerde().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private byte[] avro(String device, Map<String, Double> channels) {
    TelemetryFrame frame =
        TelemetryFrame.newBuilder()
            .setDeviceId(device)
            .setEventTime(T0)
            .setChannels(channels)
            .build();
    return topics.frames().valueSerde().serializer().serialize(topics.frames().name(), frame);
  }

  @Test
  void acceptsAValidFrameWithANullChannel() {
    start(InputFormat.AVRO);
    Map<String, Double> channels = new HashMap<>();
    channels.put("pressure", 1.0);
    channels.put("flow", null);
    frames.pipeInput(null, avro("pump-1", channels), T0);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void repartitionsOnlyFramesNotKeyedByTheirDeviceInItsDefaultPartition() {
    VigilMetrics metrics = new VigilMetrics();
    start(InputFormat.AVRO, SETTINGS, metrics);
    byte[] key = "pump-1".getBytes(StandardCharsets.UTF_8);
    frames.pipeInput(key, avro("pump-1", Map.of("pressure", 1.0)), T0);
    assertThat(metrics.repartitionedFrameCount()).isZero();
    frames.pipeInput(null, avro("pump-1", Map.of("pressure", 1.0)), T0.plusSeconds(1));
    frames.pipeInput(
        "gateway-7".getBytes(StandardCharsets.UTF_8),
        avro("pump-1", Map.of("pressure", 1.0)),
        T0.plusSeconds(2));
    assertThat(metrics.repartitionedFrameCount()).isEqualTo(2.0);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void repartitionsEveryFrameWhenTheInputIsDeclaredNotPartitionedByDevice() {
    VigilMetrics metrics = new VigilMetrics();
    DetectionSettings settings =
        VigilConfig.fromProperties(
                VigilConfig.properties(
                    "vigil.bootstrap.servers",
                    "unused:9092",
                    "vigil.input.partitioned-by-device",
                    "false"))
            .detection();
    assertThat(settings.partitioning()).isEqualTo(DetectionSettings.InputPartitioning.FALSE);
    start(InputFormat.AVRO, settings, metrics);
    frames.pipeInput(
        "pump-1".getBytes(StandardCharsets.UTF_8), avro("pump-1", Map.of("pressure", 1.0)), T0);
    assertThat(metrics.repartitionedFrameCount()).isEqualTo(1.0);
  }

  @Test
  void deadLettersMalformedBytesWithTheirSourcePosition() {
    start(InputFormat.AVRO);
    frames.pipeInput(null, avro("pump-1", Map.of("pressure", 1.0)), T0);
    byte[] garbage = "garbage!!!!!!".getBytes(StandardCharsets.UTF_8);
    frames.pipeInput("pump-1".getBytes(StandardCharsets.UTF_8), garbage, T0.plusSeconds(1));

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.getSourceTopic()).isEqualTo("t.frames");
    assertThat(letter.getSourceOffset()).isEqualTo(1L);
    assertThat(letter.getRawValue().array()).isEqualTo(garbage);
    assertThat(letter.getRecordTimestamp()).isEqualTo(T0.plusSeconds(1));
    assertThat(letter.getErrorMessage()).contains("expected Avro's single-object marker");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void deadLettersANonFiniteValueNamingDeviceAndChannel() {
    start(InputFormat.AVRO);
    frames.pipeInput(null, avro("pump-2", Map.of("pressure", Double.POSITIVE_INFINITY)), T0);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.NON_FINITE_VALUE);
    assertThat(letter.getDeviceId()).isEqualTo("pump-2");
    assertThat(letter.getErrorMessage())
        .contains("device 'pump-2'")
        .contains("channel 'pressure' is Infinity")
        .contains("expected a finite number or null");
  }

  @Test
  void deadLettersARecordWithoutAValue() {
    start(InputFormat.AVRO);
    frames.pipeInput("pump-1".getBytes(StandardCharsets.UTF_8), null, T0);
    assertThat(deadLetters.readValue().getErrorMessage()).contains("has no value");
  }

  @Test
  void readsJsonFramesWhenConfiguredAndDeadLettersBadJson() {
    start(InputFormat.JSON);
    String good = "{\"deviceId\":\"gw-1\",\"eventTime\":0,\"channels\":{\"pressure\":1.5}}";
    frames.pipeInput(null, good.getBytes(StandardCharsets.UTF_8), T0);
    assertThat(deadLetters.isEmpty()).isTrue();
    frames.pipeInput(null, "{\"deviceId\":\"gw-1\"}".getBytes(StandardCharsets.UTF_8), T0);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.getErrorMessage()).contains("'eventTime' is missing");
  }

  @Test
  void deadLettersEventTimesBefore1970AsOutOfRangeInsteadOfFailingOnTheirTimestamp() {
    start(InputFormat.AVRO);
    frames.pipeInput(null, avro("pump-3", Instant.ofEpochMilli(-1000), ONE), T0);
    frames.pipeInput(null, avro("pump-3", Instant.ofEpochMilli(Long.MIN_VALUE), ONE), T0);

    assertThat(deadLetters.readValuesToList())
        .extracting(DeadLetter::getErrorKind)
        .containsExactly(DeadLetterReason.OUT_OF_RANGE, DeadLetterReason.OUT_OF_RANGE);
  }

  @Test
  void deadLettersAJsonTimeBeyondEpochMillisAsFuture() {
    start(InputFormat.JSON);
    String frame =
        "{\"deviceId\":\"gw-1\",\"eventTime\":\"+1000000000-01-01T00:00:00Z\","
            + "\"channels\":{\"pressure\":1.5}}";
    frames.pipeInput(null, frame.getBytes(StandardCharsets.UTF_8), T0);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.FUTURE);
    assertThat(letter.getErrorMessage()).contains("ahead of the wall clock");
  }

  @Test
  void deadLettersADeviceIdLongerThanTheLimitAndAcceptsOneAtIt() {
    start(InputFormat.AVRO);
    String longest = "d".repeat(ValueChecks.MAX_DEVICE_ID_LENGTH);
    frames.pipeInput(null, avro(longest, T0, ONE), T0);
    assertThat(deadLetters.isEmpty()).isTrue();

    frames.pipeInput(null, avro(longest + "d", T0, ONE), T0);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.getErrorMessage())
        .startsWith("frame has a deviceId of 257 characters")
        .hasSizeLessThan(200);
  }

  @Test
  void deadLettersAFrameWithoutChannels() {
    start(InputFormat.AVRO);
    frames.pipeInput(null, avro("pump-4", T0, new HashMap<>()), T0);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.getErrorMessage()).contains("has no channels");
  }

  @Test
  void deadLettersANaNReadingInsteadOfTakingItForNoReading() {
    start(InputFormat.AVRO);
    TestInputTopic<byte[], byte[]> readings =
        driver.createInputTopic(
            topics.readings().name(), new ByteArraySerializer(), new ByteArraySerializer());
    SensorReading nan =
        SensorReading.newBuilder()
            .setDeviceId("pump-5")
            .setSensor("pressure")
            .setEventTime(T0)
            .setValue(Double.NaN)
            .build();
    readings.pipeInput(null, VigilSerdes.reading().encode(nan), T0);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.NON_FINITE_VALUE);
    assertThat(letter.getSourceTopic()).isEqualTo("t.readings");
  }

  @Test
  void deadLettersAChannelNameLongerThanTheLimit() {
    start(InputFormat.AVRO);
    Map<String, Double> longName = new HashMap<>(ONE);
    longName.put("c".repeat(600_000), 1.0);
    frames.pipeInput(null, avro("pump-6", T0, longName), T0);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.MALFORMED);
    assertThat(letter.getErrorMessage())
        .contains("a channel name of 600000 characters")
        .hasSizeLessThan(200);
  }

  @Test
  void keepsDeadLettersWithinKafkasDefaultRequestSize() {
    start(InputFormat.AVRO);
    byte[] key = "pump-6".getBytes(StandardCharsets.UTF_8);
    byte[] huge = new byte[1 << 20];
    frames.pipeInput(key, huge, T0);

    DeadLetter malformed = deadLetters.readValue();
    assertThat(malformed.getRawValue()).isNull();
    assertThat(malformed.getRawKey().remaining()).isEqualTo(key.length);
    assertThat(malformed.getErrorMessage())
        .contains("raw value of 1048576 bytes left out", "t.frames-0 offset 0");
    assertThat(VigilSerdes.deadLetter().encode(malformed).length).isLessThan(1 << 20);
  }

  private static final Map<String, Double> ONE = Map.of("pressure", 1.0);

  private byte[] avro(String device, Instant time, Map<String, Double> channels) {
    TelemetryFrame frame =
        TelemetryFrame.newBuilder()
            .setDeviceId(device)
            .setEventTime(time)
            .setChannels(channels)
            .build();
    return topics.frames().valueSerde().serializer().serialize(topics.frames().name(), frame);
  }
}
