package io.vigil.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.app.config.VigilConfig;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.backtest.Backtest;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.ColumnSpec;
import io.vigil.model.data.CsvReader;
import io.vigil.model.data.Recording;
import io.vigil.model.data.RecordingFrames;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.mapping.OutputRecords;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulationCsv;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input, model and policy give the same anomaly events through Kafka (a replay into an
 * isolated namespace, detected by the namespace's own stream application, exactly once) as through
 * {@code vigil backtest} (the engine offline): same episodes, kinds and event times, scores and
 * thresholds within 1e-6. Compared up to the last frame less the reorder grace: the stream keeps
 * that tail buffered, waiting for frames that may still come, where the backtest flushes it.
 */
@WithKafka
class ReplayDeterminismIT {
  private static final Duration CATCH_UP = Duration.ofMinutes(3);
  private static final Path SKAB =
      Path.of(System.getProperty("vigil.skab.dir", "../../shared/data/skab"));

  @TempDir Path dir;

  @Test
  void aReplayOfSimulatorOutputRaisesTheBacktestsEvents(KafkaCluster kafka) throws Exception {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(3, 11));
    Path csv = dir.resolve("sim.csv");
    try (Writer out = Files.newBufferedWriter(csv)) {
      SimulationCsv writer = new SimulationCsv(out, FleetSimulator.channels());
      for (int k = 0; k < 1500; k++) {
        for (SimulatedFrame f : fleet.nextStep()) {
          writer.write(f);
        }
      }
    }
    Recording recording = CsvReader.read(csv, ColumnSpec.defaults());
    Path model = TestModels.demo(dir);

    List<AnomalyEvent> offline = backtest(recording, model);
    List<AnomalyEvent> replayed = replay(kafka, recording, model, "sim");

    assertThat(offline).as("the backtest raised episodes to compare").hasSizeGreaterThan(3);
    assertSameEvents(replayed, offline, cutoff(recording));
  }

  @Test
  void aReplayOfASkabFileRaisesTheBacktestsEvents(KafkaCluster kafka) throws Exception {
    Path file = SKAB.resolve("valve1").resolve("1.csv");
    assumeTrue(Files.isRegularFile(file), "SKAB data not found at " + SKAB);
    Recording recording = CsvReader.read(file, ColumnSpec.defaults());
    Path model = dir.resolve("skab.onnx");
    try (TrainedModel trained =
        new TrainingPipeline(
                TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
                    .window(20)
                    .stride(1)
                    .epochs(10)
                    .seed(3)
                    .build(),
                ThresholdCalibration.DEFAULT,
                new ModelIdentity("skab-determinism", "1"),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .run(
                new Recording(recording.source(), List.of(recording.series().get(0).slice(0, 400))),
                TrainingListener.NONE)) {
      Files.write(model, trained.bytes());
    }

    List<AnomalyEvent> offline = backtest(recording, model);
    List<AnomalyEvent> replayed = replay(kafka, recording, model, "skab");

    assertThat(offline).as("the backtest raised episodes to compare").isNotEmpty();
    assertSameEvents(replayed, offline, cutoff(recording));
  }

  /** The backtest's events, as the stream would publish them. */
  private static List<AnomalyEvent> backtest(Recording recording, Path modelFile) {
    List<AnomalyEvent> events = new ArrayList<>();
    try (OnnxModel model =
        OnnxModel.load(modelFile, new InferenceSettings(ExecutionProvider.CPU, 1, 256))) {
      ModelMetadata m = model.metadata();
      ModelRef ref = new ModelRef(m.modelId(), m.modelVersion());
      WindowSpec spec =
          new WindowSpec(
              m.features(),
              m.window(),
              m.stride(),
              DetectionDefaults.GRACE_MILLIS,
              DetectionDefaults.gapFill(DetectionDefaults.STEP_MILLIS));
      Backtest.run(
          recording,
          spec,
          model.newScorer(),
          device -> DetectionDefaults.policy(m.suggestedThreshold(), m.window(), m.stride()),
          new Backtest.Observer() {
            @Override
            public void window(ScoredWindow w) {
              w.detection()
                  .event()
                  .ifPresent(
                      e ->
                          events.add(
                              OutputRecords.event(
                                  e,
                                  ref,
                                  new PolicyRef(
                                      w.detection().policyId(), w.detection().policyVersion()),
                                  e.kind() == EpisodeEventKind.CLOSE
                                      ? CloseReason.RECOVERED
                                      : null)));
            }
          });
    }
    return events;
  }

  private List<AnomalyEvent> replay(
      KafkaCluster kafka, Recording recording, Path model, String name) throws Exception {
    VigilConfig live =
        Pipelines.config(
            kafka.bootstrapServers(), "determinism.", "determinism", dir.resolve("state"), model);
    NamespaceReplay.Result result =
        new NamespaceReplay(live, new ReplayNamespace(name))
            .run(
                RecordingFrames.ordered(recording),
                recording.contentHash(),
                Pace.MAX,
                2,
                (short) 1,
                ReplayPublisher.Listener.NONE,
                CATCH_UP);
    assertThat(result.publish().published()).isEqualTo(recording.rows());
    return result.events();
  }

  /** Event times up to the last frame less the grace: released by the stream too. */
  private static long cutoff(Recording recording) {
    return recording.lastTime().toEpochMilli() - DetectionDefaults.GRACE_MILLIS;
  }

  private static void assertSameEvents(
      List<AnomalyEvent> replayed, List<AnomalyEvent> offline, long cutoff) {
    List<AnomalyEvent> a = upTo(replayed, cutoff);
    List<AnomalyEvent> b = upTo(offline, cutoff);
    assertThat(b).as("events before the cutoff").isNotEmpty();
    assertThat(a)
        .extracting(e -> e.getEpisodeId() + " " + e.getKind() + " " + e.getEventTime())
        .containsExactlyElementsOf(
            b.stream()
                .map(e -> e.getEpisodeId() + " " + e.getKind() + " " + e.getEventTime())
                .toList());
    for (int i = 0; i < a.size(); i++) {
      AnomalyEvent x = a.get(i);
      AnomalyEvent y = b.get(i);
      assertThat(x.getPeakScore()).isCloseTo(y.getPeakScore(), within(y.getPeakScore()));
      assertThat(x.getLatestScore()).isCloseTo(y.getLatestScore(), within(y.getLatestScore()));
      assertThat(x.getThreshold()).isCloseTo(y.getThreshold(), within(y.getThreshold()));
      assertThat(x.getSeverity()).isEqualTo(y.getSeverity());
      assertThat(x.getEndTime()).isEqualTo(y.getEndTime());
      assertThat(x.getPolicy()).isEqualTo(y.getPolicy());
      assertThat(x.getModel()).isEqualTo(y.getModel());
    }
  }

  private static Offset<Double> within(double value) {
    return Offset.offset(1e-6 * Math.max(1, Math.abs(value)));
  }

  private static List<AnomalyEvent> upTo(List<AnomalyEvent> events, long cutoff) {
    return events.stream()
        .filter(e -> e.getEventTime().toEpochMilli() <= cutoff)
        .sorted(
            Comparator.comparing((AnomalyEvent e) -> e.getDeviceId())
                .thenComparing(AnomalyEvent::getEventTime)
                .thenComparing(e -> e.getKind().ordinal()))
        .toList();
  }
}
