package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.config.DetectionSettings;
import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.app.topology.StoreOffsets;
import io.vigil.app.topology.VigilTopology;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.schemas.AlertRule;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection path in the topology with a real model (W=8, S=2), fixed timestamps and a driven
 * wall clock (which releases the micro-batches). A frame leaves the reorder buffer once the
 * device's stream time is a grace period (5 steps) past it, so piping frames 0..n releases 0..n-5.
 */
class DetectTopologyTest {
  private static final String DEVICE = "device-000";

  /**
   * Scoring on the stream thread: a window's outputs come out in the call that completes its batch.
   * Overlapped scoring (the default) has its own test here and runs in every IT.
   */
  private static final DetectionSettings SETTINGS =
      DetectionSettings.defaults().withWindowing(1000, 5000, 3, 20).withOverlapScoring(false);

  /** Frames needed after frame k for frame k to be released. */
  private static final int GRACE_STEPS = 5;

  @TempDir static Path models;
  private static ScoringModel model;

  private final TopicCatalogue topics =
      TopicCatalogue.of(TopicNames.withPrefix("t."), InputFormat.AVRO);
  private final VigilMetrics metrics = new VigilMetrics();
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> frames;
  private TestInputTopic<byte[], byte[]> policies;
  private TestInputTopic<byte[], byte[]> readings;
  private TestOutputTopic<String, WindowScore> scores;
  private TestOutputTopic<String, AnomalyEvent> anomalies;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private List<SimulatedFrame> normal;

  @BeforeAll
  static void loadModel() {
    model =
        ScoringModel.load(
            TestModels.small(models), InferenceSettings.defaults().withMaxBatchSize(16), SETTINGS);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @BeforeEach
  void start() {
    start(SETTINGS);
  }

  private void start(DetectionSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detect-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    FleetSimulator fleet =
        new FleetSimulator(SimulatorSettings.defaults(1, 42).withWarmupSteps(Integer.MAX_VALUE));
    normal = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      normal.addAll(fleet.nextStep());
    }
    // The wall clock starts where the data does: frames are not far in the future of it.
    driver =
        new TopologyTestDriver(
            VigilTopology.build(topics, model, settings, metrics, 1),
            props,
            normal.get(0).eventTime());
    ByteArraySerializer bytes = new ByteArraySerializer();
    frames = driver.createInputTopic(topics.frames().name(), bytes, bytes);
    policies = driver.createInputTopic(topics.policies().name(), bytes, bytes);
    readings = driver.createInputTopic(topics.readings().name(), bytes, bytes);
    StringDeserializer keys = new StringDeserializer();
    scores =
        driver.createOutputTopic(
            topics.scores().name(), keys, topics.scores().valueSerde().deserializer());
    anomalies =
        driver.createOutputTopic(
            topics.anomalies().name(), keys, topics.anomalies().valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetter().name(), keys, topics.deadLetter().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void pipe(SimulatedFrame f) {
    pipe(f.deviceId(), f.eventTime(), f.channels());
  }

  private void pipe(String key, Instant time, Map<String, Double> channels) {
    pipeAs(DEVICE, key, time, channels);
  }

  private void pipeAs(String device, String key, Instant time, Map<String, Double> channels) {
    pipeInOrder(device, key, time, new HashMap<>(channels));
  }

  /** Pipes a frame whose channels are encoded in the map's iteration order. */
  private void pipeInOrder(String device, String key, Instant time, Map<String, Double> channels) {
    TelemetryFrame frame =
        TelemetryFrame.newBuilder()
            .setDeviceId(device)
            .setEventTime(time)
            .setChannels(channels)
            .build();
    byte[] value =
        topics.frames().valueSerde().serializer().serialize(topics.frames().name(), frame);
    frames.pipeInput(key.getBytes(StandardCharsets.UTF_8), value, time);
  }

  private void releaseBatches() {
    driver.advanceWallClockTime(Duration.ofMillis(SETTINGS.batchLingerMillis() + 1));
  }

  @Test
  void scoresAWindowEveryStrideOnceWFramesHaveArrived() {
    // W=8, S=2: frames 0..13 give windows ending at frames 7, 9, 11, 13.
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<WindowScore> out = scores.readValuesToList();
    assertThat(out)
        .extracting(
            s -> s.getWindowEnd().getEpochSecond() - normal.get(0).eventTime().getEpochSecond())
        .containsExactly(7L, 9L, 11L, 13L);
    assertThat(out)
        .allSatisfy(
            s -> {
              assertThat(s.getDeviceId()).isEqualTo(DEVICE);
              assertThat(s.getModel().getId()).isEqualTo("fleet-pca");
              assertThat(s.getScore()).isFinite().isNotNegative();
              assertThat(s.getChannelScores()).hasSize(4);
              assertThat(s.getPolicy().getId()).isEqualTo("built-in-default");
            });
    assertThat(metrics.windowCount()).isEqualTo(4.0);
  }

  @Test
  void aFullBatchIsScoredWithoutWaitingForTheWallClockWhenScoringIsNotOverlapped() {
    // Two devices, 8 windows each (ending at frames 7, 9, ..., 21): 16 fill the batch.
    for (SimulatedFrame f : normal.subList(0, 22 + GRACE_STEPS)) {
      pipeAs("a", "a", f.eventTime(), f.channels());
      pipeAs("b", "b", f.eventTime(), f.channels());
    }
    assertThat(scores.readValuesToList()).hasSize(16);
  }

  @Test
  void anOverlappedFullBatchIsJudgedWhenTheNextIsHandedOverOrAtTheNextTick() {
    driver.close();
    start(SETTINGS.withOverlapScoring(true));
    // 16 windows fill the batch; it goes to the scoring thread and the stream thread goes on.
    for (SimulatedFrame f : normal.subList(0, 22 + GRACE_STEPS)) {
      pipeAs("a", "a", f.eventTime(), f.channels());
      pipeAs("b", "b", f.eventTime(), f.channels());
    }
    assertThat(scores.readValuesToList()).isEmpty();
    // The next full batch hands the first one over and its 16 windows are judged (a device's
    // ring that would overwrite a window still in flight makes the engine judge earlier).
    for (SimulatedFrame f : normal.subList(22 + GRACE_STEPS, 38 + GRACE_STEPS)) {
      pipeAs("a", "a", f.eventTime(), f.channels());
      pipeAs("b", "b", f.eventTime(), f.channels());
    }
    List<WindowScore> all = new ArrayList<>(scores.readValuesToList());
    assertThat(all).hasSizeGreaterThanOrEqualTo(16).hasSizeLessThan(32);
    // The punctuation after it judges the rest without waiting for more frames, all in order.
    releaseBatches();
    all.addAll(scores.readValuesToList());
    assertThat(all).hasSize(32);
    for (String device : List.of("a", "b")) {
      assertThat(all.stream().filter(s -> s.getDeviceId().equals(device)))
          .extracting(
              s -> s.getWindowEnd().getEpochSecond() - normal.get(0).eventTime().getEpochSecond())
          .containsExactly(
              7L, 9L, 11L, 13L, 15L, 17L, 19L, 21L, 23L, 25L, 27L, 29L, 31L, 33L, 35L, 37L);
    }
    assertThat(metrics.windowCount()).isEqualTo(32.0);
  }

  @Test
  void oneBusyDeviceIsScoredBeforeItsRingWouldOverwriteAWaitingWindow() {
    // One device cuts windows faster than the batch (16) fills: they are scored by reference
    // before the frame ring reuses their slots, never lost, never waiting for the wall clock.
    int frames = 120;
    normal.subList(0, frames).forEach(this::pipe);
    int cut = (frames - GRACE_STEPS - 8) / 2 + 1;
    List<WindowScore> early = scores.readValuesToList();
    assertThat(early.size()).isGreaterThanOrEqualTo(cut - (WindowSpec.PENDING_WINDOWS + 1));
    releaseBatches();
    List<WindowScore> all = new ArrayList<>(early);
    all.addAll(scores.readValuesToList());
    assertThat(all).hasSize(cut);
    assertThat(all)
        .extracting(
            s -> s.getWindowEnd().getEpochSecond() - normal.get(0).eventTime().getEpochSecond())
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void framesOutOfOrderWithinGraceArePutInTheirPlace() {
    List<SimulatedFrame> shuffled = new ArrayList<>(normal.subList(0, 14 + GRACE_STEPS));
    SimulatedFrame third = shuffled.remove(3);
    shuffled.add(5, third);
    shuffled.forEach(this::pipe);
    releaseBatches();
    List<Double> outOfOrder =
        scores.readValuesToList().stream().map(WindowScore::getScore).toList();
    driver.close();
    start();
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<Double> inOrder = scores.readValuesToList().stream().map(WindowScore::getScore).toList();
    assertThat(outOfOrder).isNotEmpty().isEqualTo(inOrder);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aFrameLaterThanGraceIsDeadLetteredAsLateAndCounted() {
    normal.subList(0, 20).forEach(this::pipe);
    SimulatedFrame old = normal.get(2);
    pipe(DEVICE, old.eventTime().plusMillis(500), old.channels());
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.LATE);
    assertThat(letter.getDeviceId()).isEqualTo(DEVICE);
    assertThat(letter.getErrorMessage()).contains(DEVICE);
    assertThat(
            topics
                .frames()
                .valueSerde()
                .deserializer()
                .deserialize("t", letter.getRawValue().array())
                .getEventTime())
        .isEqualTo(old.eventTime().plusMillis(500));
    assertThat(metrics.deadLetterCount(DeadLetterReason.LATE)).isEqualTo(1.0);
  }

  @Test
  void aFrameRepeatingAReleasedInstantIsDeadLetteredAsDuplicateAndCounted() {
    normal.subList(0, 20).forEach(this::pipe);
    pipe(normal.get(2));
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.DUPLICATE);
    assertThat(letter.getErrorMessage()).contains(DEVICE).contains("repeats the time");
    assertThat(metrics.deadLetterCount(DeadLetterReason.DUPLICATE)).isEqualTo(1.0);
    assertThat(metrics.deadLetterCount(DeadLetterReason.LATE)).isZero();
  }

  @Test
  void aValueBeyondFloat32IsRefusedAtIngestAndTheDeviceGoesOn() {
    List<SimulatedFrame> frames = normal.subList(0, 14 + GRACE_STEPS);
    for (int i = 0; i < frames.size(); i++) {
      Map<String, Double> channels = new HashMap<>(frames.get(i).channels());
      if (i == 6) {
        channels.put("flow", 1e39);
      }
      pipe(DEVICE, frames.get(i).eventTime(), channels);
    }
    releaseBatches();
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.OUT_OF_RANGE);
    assertThat(letter.getErrorMessage()).contains(DEVICE).contains("'flow'").contains("1.0E39");
    // The frame is refused whole; the others make windows as usual (one instant missing is within
    // gap filling's reach, so the sequence does not restart): 13 frames released, windows at the
    // 8th, 10th and 12th.
    assertThat(scores.readValuesToList()).hasSize(3);
    assertThat(metrics.windowRestartCount()).isZero();
  }

  @Test
  void aWindowWhoseScoreOverflowsIsDeadLetteredAndTheOthersAreScored() {
    // 3e38 is a finite float32, but the model's squared error overflows to infinity.
    List<SimulatedFrame> frames = normal.subList(0, 30 + GRACE_STEPS);
    for (int i = 0; i < frames.size(); i++) {
      Map<String, Double> channels = new HashMap<>(frames.get(i).channels());
      if (i == 10) {
        channels.put("pressure", 3e38);
      }
      pipe(DEVICE, frames.get(i).eventTime(), channels);
    }
    releaseBatches();
    List<DeadLetter> letters = deadLetters.readValuesToList();
    // Windows of W=8 ending at frames 11, 13, 15 and 17 hold frame 10.
    assertThat(letters)
        .hasSize(4)
        .allSatisfy(
            l -> {
              assertThat(l.getErrorKind()).isEqualTo(DeadLetterReason.NON_FINITE_SCORE);
              assertThat(l.getErrorMessage()).contains(DEVICE).contains("not scored");
            });
    List<WindowScore> scored = scores.readValuesToList();
    assertThat(scored).hasSize(12 - 4);
    assertThat(scored).allSatisfy(s -> assertThat(s.getScore()).isFinite());
  }

  @Test
  void aDuplicateStillInTheReorderBufferIsMergedAndCounted() {
    normal.subList(0, 10).forEach(this::pipe);
    pipe(normal.get(9));
    assertThat(metrics.mergedFrameCount()).isEqualTo(1.0);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aFrameFarAheadOfTheWallClockIsDeadLetteredAsFutureAndDoesNotMoveStreamTime() {
    normal.subList(0, 10).forEach(this::pipe);
    SimulatedFrame last = normal.get(9);
    pipe(DEVICE, last.eventTime().plus(Duration.ofDays(400)), last.channels());
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.FUTURE);
    assertThat(letter.getErrorMessage()).contains(DEVICE).contains("max-future-skew");
    // The device goes on: the following real frames are neither late nor lost.
    normal.subList(10, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    assertThat(scores.readValuesToList()).hasSize(4);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aGapLongerThanTheCarryLimitSkipsTheWindowsThatHoldIt() {
    // pressure missing for 5 steps (the carry limit is 3): windows holding the 4th and 5th are
    // skipped.
    for (int k = 0; k < 30 + GRACE_STEPS; k++) {
      SimulatedFrame f = normal.get(k);
      Map<String, Double> channels = new HashMap<>(f.channels());
      if (k >= 10 && k < 15) {
        channels.remove("pressure");
      }
      pipe(f.deviceId(), f.eventTime(), channels);
    }
    releaseBatches();
    assertThat(metrics.skippedWindowCount()).isPositive();
    // 12 windows end at frames 7, 9, ..., 29; the skipped ones are missing from the output.
    assertThat(scores.readValuesToList()).hasSize((int) (12 - metrics.skippedWindowCount()));
  }

  @Test
  void aChannelTheModelDoesNotKnowIsIgnoredAndCountedAndTheFrameScored() {
    for (SimulatedFrame f : normal.subList(0, 14 + GRACE_STEPS)) {
      Map<String, Double> channels = new HashMap<>(f.channels());
      channels.put("rssi", -71.0);
      pipe(DEVICE, f.eventTime(), channels);
    }
    releaseBatches();
    assertThat(scores.readValuesToList()).hasSize(4);
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(metrics.unknownChannelCount("rssi")).isEqualTo(14.0 + GRACE_STEPS);
    assertThat(metrics.scrape()).contains("vigil_channels_unknown_total{channel=\"rssi\"}");
  }

  @Test
  void framesWhoseChannelsComeInChangingOrderAndSetsAreScoredAsInAFixedOrder() {
    // Two devices, the same values: one in one fixed order, the other in an order that changes
    // every frame, some frames with an unknown channel and one with a channel missing.
    List<SimulatedFrame> frames = normal.subList(0, 14 + GRACE_STEPS);
    for (int k = 0; k < frames.size(); k++) {
      SimulatedFrame f = frames.get(k);
      List<String> names = new ArrayList<>(new TreeMap<>(f.channels()).keySet());
      Map<String, Double> fixed = new LinkedHashMap<>();
      names.forEach(c -> fixed.put(c, f.channels().get(c)));
      Collections.rotate(names, k % names.size());
      Map<String, Double> shuffled = new LinkedHashMap<>();
      if (k % 3 == 0) {
        shuffled.put("rssi", -70.0 - k);
      }
      names.forEach(c -> shuffled.put(c, f.channels().get(c)));
      if (k == 5) {
        fixed.put(names.get(0), null);
        shuffled.put(names.get(0), null);
      }
      pipeInOrder("fixed", "fixed", f.eventTime(), fixed);
      pipeInOrder("shuffled", "shuffled", f.eventTime(), shuffled);
    }
    releaseBatches();

    Map<String, List<Double>> byDevice = new HashMap<>();
    for (WindowScore s : scores.readValuesToList()) {
      byDevice.computeIfAbsent(s.getDeviceId(), d -> new ArrayList<>()).add(s.getScore());
    }
    assertThat(byDevice.get("fixed")).hasSize(4).isEqualTo(byDevice.get("shuffled"));
    assertThat(metrics.unknownChannelCount("rssi")).isEqualTo((frames.size() + 2) / 3);
  }

  @Test
  void aChannelTheModelDoesNotKnowIsDeadLetteredWhenConfiguredSo() {
    driver.close();
    start(
        new DetectionSettings(
            1000,
            5000,
            3,
            250,
            20,
            3_600_000,
            DetectionSettings.UnknownChannels.DEAD_LETTER,
            600_000,
            7 * 86_400_000L,
            DetectionSettings.InputPartitioning.AUTO,
            false));
    Map<String, Double> channels = new HashMap<>(normal.get(0).channels());
    channels.put("humidity", 0.4);
    pipe(DEVICE, normal.get(0).eventTime(), channels);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.UNKNOWN_CHANNEL);
    assertThat(letter.getErrorMessage())
        .contains("channel 'humidity'")
        .contains("[pressure, flow, current, temperature]");
  }

  @Test
  void framesKeyedByAnotherKeyAreRepartitionedByDeviceAndScored() {
    normal
        .subList(0, 14 + GRACE_STEPS)
        .forEach(f -> pipe("gateway-7", f.eventTime(), f.channels()));
    releaseBatches();
    assertThat(scores.readValuesToList())
        .hasSize(4)
        .allSatisfy(s -> assertThat(s.getDeviceId()).isEqualTo(DEVICE));
  }

  private void pipeReading(String sensor, Instant time, Double value) {
    SensorReading r =
        SensorReading.newBuilder()
            .setDeviceId(DEVICE)
            .setSensor(sensor)
            .setEventTime(time)
            .setValue(value)
            .build();
    readings.pipeInput(null, topics.readings().valueSerde().serializer().serialize("r", r), time);
  }

  @Test
  void narrowReadingsAreAlignedIntoFramesAndScoredLikeTheSameFrames() {
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<Double> fromFrames =
        scores.readValuesToList().stream().map(WindowScore::getScore).toList();
    driver.close();
    start();
    // The same values as one reading per sensor, each up to 200 ms off its step (tolerance 250
    // ms). Alignment waits a grace period too, so the readings run a grace period further.
    for (SimulatedFrame f : normal.subList(0, 14 + 2 * GRACE_STEPS + 1)) {
      int jitter = 0;
      for (Map.Entry<String, Double> c : f.channels().entrySet()) {
        pipeReading(c.getKey(), f.eventTime().plusMillis(jitter), c.getValue());
        jitter = jitter <= 0 ? -jitter + 100 : -jitter;
      }
    }
    releaseBatches();
    List<WindowScore> fromReadings = scores.readValuesToList();
    assertThat(fromFrames).hasSize(4);
    assertThat(fromReadings.stream().map(WindowScore::getScore).toList())
        .startsWith(fromFrames.toArray(new Double[0]));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aReadingFarFromItsStepIsDeadLetteredAsMisaligned() {
    pipeReading("pressure", normal.get(0).eventTime(), 4.0);
    pipeReading("pressure", normal.get(1).eventTime().plusMillis(500), 4.0);
    pipeReading("humidity", normal.get(2).eventTime(), 0.3);
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters)
        .extracting(DeadLetter::getErrorKind)
        .containsExactly(DeadLetterReason.MISALIGNED, DeadLetterReason.UNKNOWN_CHANNEL);
    assertThat(letters.get(0).getErrorMessage()).contains("reading of device '" + DEVICE + "'");
  }

  private static ThresholdPolicy staticPolicy(long version, double value) {
    return ThresholdPolicy.newBuilder()
        .setPolicyId("ops-static")
        .setScope(PolicyScope.DEVICE)
        .setDeviceId(DEVICE)
        .setMethod(ThresholdMethod.STATIC)
        .setParameters(Map.of("value", value))
        .setWarmupWindows(0)
        .setAlertRule(new AlertRule(2, 3, 2, 60_000L, List.of(1.5, 2.0, 4.0), 2))
        .setVersion(version)
        .setAuthor("test")
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  private void publish(ThresholdPolicy p) {
    policies.pipeInput(
        null, topics.policies().valueSerde().serializer().serialize("p", p), Instant.EPOCH);
  }

  @Test
  void aPolicyChangeMidStreamAppliesToTheFollowingWindowsAndIsNamedInTheirEvents() {
    normal.subList(0, 14).forEach(this::pipe);
    releaseBatches();
    assertThat(scores.readValuesToList())
        .allSatisfy(s -> assertThat(s.getPolicy().getId()).isEqualTo("built-in-default"));

    // A static threshold far below every score: the next windows exceed it and an episode opens.
    publish(staticPolicy(1, 1e-9));
    normal.subList(14 + GRACE_STEPS, 30 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<WindowScore> after = scores.readValuesToList();
    assertThat(after)
        .isNotEmpty()
        .allSatisfy(
            s -> {
              assertThat(s.getPolicy().getId()).isEqualTo("ops-static");
              assertThat(s.getPolicy().getVersion()).isEqualTo(1L);
              assertThat(s.getThreshold()).isEqualTo(1e-9);
              assertThat(s.getExceeded()).isTrue();
            });
    List<AnomalyEvent> events = anomalies.readValuesToList();
    assertThat(events)
        .first()
        .satisfies(
            e -> {
              assertThat(e.getKind()).isEqualTo(EpisodeEventKind.OPEN);
              assertThat(e.getPolicy().getId()).isEqualTo("ops-static");
              assertThat(e.getPolicy().getVersion()).isEqualTo(1L);
              assertThat(e.getTopChannels()).hasSize(2);
            });
    assertThat(events).filteredOn(e -> e.getKind() == EpisodeEventKind.OPEN).hasSize(1);

    // Version 2 with a threshold far above every score: the episode closes after 2 normal windows.
    publish(staticPolicy(2, 1e9));
    normal.subList(30 + GRACE_STEPS, 40 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<AnomalyEvent> later = anomalies.readValuesToList();
    assertThat(later).extracting(AnomalyEvent::getKind).containsExactly(EpisodeEventKind.CLOSE);
    assertThat(later.get(0).getPolicy().getVersion()).isEqualTo(2L);
  }

  @Test
  void anInvalidPolicyIsDeadLetteredAndThePreviousOneStaysInForce() {
    publish(staticPolicy(1, 1e-9));
    ThresholdPolicy broken = staticPolicy(2, 1e-9);
    broken.setAlertRule(new AlertRule(5, 3, 2, 60_000L, List.of(1.5, 2.0, 4.0), 2));
    publish(broken);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.INVALID_POLICY);
    assertThat(letter.getErrorMessage()).contains("policy 'ops-static' version 2");

    ThresholdPolicy stale = staticPolicy(1, 5.0);
    publish(stale);
    DeadLetter staleLetter = deadLetters.readValue();
    assertThat(staleLetter.getErrorKind()).isEqualTo(DeadLetterReason.STALE_POLICY);
    assertThat(staleLetter.getErrorMessage()).contains("is not newer than version 1");

    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    assertThat(scores.readValuesToList())
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.getPolicy().getVersion()).isEqualTo(1L));
  }

  @Test
  void ofTwoPoliciesPublishedBackToBackInReverseOrderTheNewerStaysInForce() {
    // Windows first under the built-in default.
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    assertThat(scores.readValuesToList()).isNotEmpty();
    // Version 3 then version 2: version 2 must lose even though the global store may not have
    // caught up with version 3 when version 2 is validated.
    publish(staticPolicy(3, 1e9));
    publish(staticPolicy(2, 1e-9));
    assertThat(deadLetters.readValue().getErrorKind()).isEqualTo(DeadLetterReason.STALE_POLICY);
    for (int from = 14 + GRACE_STEPS; from < 60; from += 6) {
      normal.subList(from, from + 6).forEach(this::pipe);
      releaseBatches();
    }
    assertThat(scores.readValuesToList())
        .hasSizeGreaterThan(10)
        .allSatisfy(s -> assertThat(s.getPolicy().getVersion()).isEqualTo(3L));
    // The change from the built-in default to version 3 is counted once, not once per batch.
    assertThat(metrics.policyChangeCount()).isEqualTo(1.0);
  }

  @Test
  void anOpenEpisodeOfADeviceThatFallsSilentClosesAsSilentAndTheGaugeFollows() {
    publish(staticPolicy(1, 1e-9));
    normal.subList(0, 30 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    List<AnomalyEvent> opened = anomalies.readValuesToList();
    assertThat(opened).first().extracting(AnomalyEvent::getKind).isEqualTo(EpisodeEventKind.OPEN);
    assertThat(metrics.openEpisodeCount()).isEqualTo(1.0);

    driver.advanceWallClockTime(Duration.ofMillis(SETTINGS.idleCloseMillis()).plusMinutes(1));

    AnomalyEvent close = anomalies.readValue();
    assertThat(close.getKind()).isEqualTo(EpisodeEventKind.CLOSE);
    assertThat(close.getCloseReason()).isEqualTo(CloseReason.SILENT);
    assertThat(close.getEpisodeId()).isEqualTo(opened.get(0).getEpisodeId());
    assertThat(metrics.openEpisodeCount()).isZero();
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void theStateOfADeviceSilentForTheTtlIsDeletedAndItStartsAfresh() {
    TestOutputTopic<Bytes, byte[]> framesLog =
        driver.createOutputTopic(
            "detect-test-" + DeviceRecords.FRAMES + "-changelog",
            new BytesDeserializer(),
            new ByteArrayDeserializer());
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    assertThat(scores.readValuesToList()).hasSize(4);
    Set<Bytes> written = new HashSet<>();
    framesLog.readKeyValuesToList().forEach(kv -> written.add(kv.key));
    // The store's own offset mark (a tombstone, see StoreOffsets) is no record of the device.
    assertThat(written.remove(StoreOffsets.MARK_BYTES)).isTrue();
    assertThat(written).isNotEmpty();

    driver.advanceWallClockTime(Duration.ofMillis(SETTINGS.deviceTtlMillis()).plusHours(1));

    assertThat(metrics.expiredDeviceCount()).isEqualTo(1.0);
    // Exactly the records it had are deleted: no tombstones for keys of the earlier
    // one-slot-per-record layout, which this device never had.
    List<KeyValue<Bytes, byte[]>> deleted = framesLog.readKeyValuesToList();
    assertThat(deleted).allSatisfy(kv -> assertThat(kv.value).isNull());
    assertThat(deleted).extracting(kv -> kv.key).containsExactlyInAnyOrderElementsOf(written);
    // Its old frames are forgotten: the same instants again are neither late nor duplicates, and
    // the first window comes after W new frames.
    normal.subList(0, 14 + GRACE_STEPS).forEach(this::pipe);
    releaseBatches();
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(scores.readValuesToList()).hasSize(4);
  }

  @Test
  void malformedPolicyBytesAreDeadLettered() {
    policies.pipeInput(null, new byte[] {1, 2, 3}, Instant.EPOCH);
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.INVALID_POLICY);
    assertThat(letter.getRawValue().array()).containsExactly(1, 2, 3);
  }
}
