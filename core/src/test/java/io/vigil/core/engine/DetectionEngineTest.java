package io.vigil.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowRef;
import io.vigil.core.window.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine with a scorer in plain Java whose score is a window's mean absolute value, so every
 * expected score can be worked out by hand; ONNX models are exercised by the model-tools and stream
 * tests.
 */
class DetectionEngineTest {
  private static final List<String> CHANNELS = List.of("a", "b");
  private static final int W = 4;
  private static final int S = 2;
  private static final long STEP = 1000;
  private static final long T0 = 1_700_000_000_000L;

  /** Mean absolute value per window; throws on a window holding 666, NaN on one holding 999. */
  private static final class MeanAbsScorer implements WindowScorer {
    private final int maxBatch;
    int calls;
    final List<Integer> batchSizes = new ArrayList<>();

    MeanAbsScorer(int maxBatch) {
      this.maxBatch = maxBatch;
    }

    @Override
    public int maxBatchSize() {
      return maxBatch;
    }

    @Override
    public ScoredBatch scoreBatch(float[] windows, int count) {
      calls++;
      batchSizes.add(count);
      int size = W * CHANNELS.size();
      float[] scores = new float[count];
      float[][] channels = new float[count][CHANNELS.size()];
      for (int b = 0; b < count; b++) {
        double sum = 0;
        boolean overflow = false;
        for (int i = 0; i < size; i++) {
          float v = windows[b * size + i];
          if (v == 666f) {
            throw new IllegalStateException("model failure on 666");
          }
          overflow |= v == 999f;
          sum += Math.abs(v);
          channels[b][i % CHANNELS.size()] += Math.abs(v) / W;
        }
        scores[b] = overflow ? Float.NaN : (float) (sum / size);
      }
      return new ScoredBatch() {
        @Override
        public float score(int i) {
          return scores[i];
        }

        @Override
        public float[] channelScores(int i) {
          return channels[i];
        }
      };
    }
  }

  /** Keeps the windows and the failures, the latter as "REASON message". */
  private record Recorder(List<ScoredWindow> windows, List<String> failures)
      implements OfflineDetection.Listener {
    Recorder(List<String> failures) {
      this(new ArrayList<>(), failures);
    }

    @Override
    public void window(ScoredWindow w) {
      windows.add(w);
    }

    @Override
    public void failed(String deviceId, WindowRef window, WindowFailure failure, String message) {
      failures.add(failure + " " + message);
    }
  }

  private static WindowSpec spec(long grace) {
    return new WindowSpec(CHANNELS, W, S, grace, DetectionDefaults.gapFill(STEP));
  }

  private static DetectionPolicy policy() {
    // Warm-up of 3 windows with suggested threshold 1.0; EWMA afterwards.
    DetectionPolicy d = DetectionDefaults.policy(1.0, W, S);
    return new DetectionPolicy(
        d.policyId(),
        d.version(),
        new ThresholdSpec(d.threshold().method(), d.threshold().parameters(), 3, 1.0),
        d.alertRule());
  }

  /** Runs two interleaved devices; device "hot" has a burst of large values. */
  private static List<ScoredWindow> run(int maxBatch, List<String> failures) {
    return run(maxBatch, failures, null);
  }

  private static OfflineDetection offline(int maxBatch, Recorder recorder, Executor overlap) {
    return offline(new MeanAbsScorer(maxBatch), recorder, overlap);
  }

  private static OfflineDetection offline(
      MeanAbsScorer scorer, Recorder recorder, Executor overlap) {
    WindowSpec spec = spec(0);
    return new OfflineDetection(
        spec, d -> spec, scorer, ExtraOutputs.NONE, d -> policy(), recorder, overlap);
  }

  private static List<ScoredWindow> run(int maxBatch, List<String> failures, Executor overlap) {
    return run(new MeanAbsScorer(maxBatch), failures, overlap);
  }

  private static List<ScoredWindow> run(
      MeanAbsScorer scorer, List<String> failures, Executor overlap) {
    Recorder recorder = new Recorder(failures);
    OfflineDetection run = offline(scorer, recorder, overlap);
    for (int i = 0; i < 200; i++) {
      double base = Math.sin(i / 5.0) * 0.1 + 0.5;
      run.offer("calm", T0 + i * STEP, new double[] {base, -base});
      double hot = i >= 120 && i < 140 ? 5.0 : base;
      run.offer("hot", T0 + i * STEP, new double[] {hot, base});
    }
    run.finish();
    return recorder.windows;
  }

  @Test
  void resultsPerDeviceDoNotDependOnHowWindowsWereBatched() {
    List<ScoredWindow> one = run(1, new ArrayList<>());
    List<ScoredWindow> seven = run(7, new ArrayList<>());
    Map<String, List<String>> byDeviceOne = summary(one);
    Map<String, List<String>> byDeviceSeven = summary(seven);
    assertThat(byDeviceOne).isEqualTo(byDeviceSeven);
    // (200 - W) / S + 1 windows per device.
    assertThat(byDeviceOne.get("calm")).hasSize(99);
    assertThat(byDeviceOne.get("hot")).hasSize(99);
  }

  @Test
  void overlappedScoringGivesTheSameResultsInTheSameOrder() throws InterruptedException {
    ExecutorService scoring = Executors.newSingleThreadExecutor();
    try {
      MeanAbsScorer plainScorer = new MeanAbsScorer(7);
      MeanAbsScorer overlappedScorer = new MeanAbsScorer(7);
      List<ScoredWindow> plain = run(plainScorer, new ArrayList<>(), null);
      List<ScoredWindow> overlapped = run(overlappedScorer, new ArrayList<>(), scoring);
      // The same micro-batches: a model's last bits may depend on the batch it scores a window in.
      assertThat(overlappedScorer.batchSizes).isEqualTo(plainScorer.batchSizes).contains(7);
      assertThat(summary(overlapped)).isEqualTo(summary(plain));
      assertThat(overlapped)
          .extracting(w -> w.deviceId() + "@" + w.endTime())
          .containsExactlyElementsOf(
              plain.stream().map(w -> w.deviceId() + "@" + w.endTime()).toList());
    } finally {
      scoring.shutdown();
      assertThat(scoring.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anOverlappedBatchIsJudgedOnlyOnTheCallersThreadAndAbandonedWindowsStayPending() {
    RecordingHost host = new RecordingHost();
    List<String> threads = host.threads;
    DeviceSession session = new DeviceSession("d", new WindowAssembler(spec(0)));
    List<Runnable> handedOver = new ArrayList<>();
    DetectionEngine engine =
        new DetectionEngine(
            spec(0), new MeanAbsScorer(2), ExtraOutputs.NONE, host, handedOver::add);
    // Frames 0..5: windows end at 3 and 5, a full batch of 2, handed to the executor.
    for (int i = 0; i < 6; i++) {
      engine.offer(session, Frame.of(T0 + i * STEP, new double[] {1, 1}));
      engine.flushIfFull();
    }
    assertThat(handedOver).hasSize(1);
    assertThat(engine.inFlight()).isEqualTo(2);
    assertThat(session.assembler().pending()).hasSize(2);
    handedOver.get(0).run(); // the model call, on this test's "scoring thread"
    assertThat(threads).isEmpty();
    engine.collect();
    assertThat(host.waits).as("the model was done: no wait").isEmpty();
    assertThat(threads)
        .containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
    assertThat(session.assembler().pending()).isEmpty();
    // Two more windows in flight, then the caller stops: they stay pending, never judged.
    for (int i = 6; i < 10; i++) {
      engine.offer(session, Frame.of(T0 + i * STEP, new double[] {1, 1}));
      engine.flushIfFull();
    }
    assertThat(handedOver).hasSize(2);
    handedOver.get(1).run();
    engine.abandon();
    assertThat(threads).hasSize(2);
    assertThat(session.assembler().pending()).hasSize(2);
  }

  @Test
  void theCallerReportsHowLongItWaitedForTheModel() throws InterruptedException {
    RecordingHost host = new RecordingHost();
    MeanAbsScorer model = new MeanAbsScorer(2);
    CountDownLatch release = new CountDownLatch(1);
    WindowScorer gated =
        new WindowScorer() {
          @Override
          public int maxBatchSize() {
            return model.maxBatchSize();
          }

          @Override
          public ScoredBatch scoreBatch(float[] windows, int count) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            return model.scoreBatch(windows, count);
          }
        };
    ExecutorService scoring = Executors.newSingleThreadExecutor();
    try {
      DeviceSession session = new DeviceSession("d", new WindowAssembler(spec(0)));
      DetectionEngine engine =
          new DetectionEngine(spec(0), gated, ExtraOutputs.NONE, host, scoring);
      for (int i = 0; i < 6; i++) {
        engine.offer(session, Frame.of(T0 + i * STEP, new double[] {1, 1}));
        engine.flushIfFull();
      }
      assertThat(engine.inFlight()).isEqualTo(2);
      // The model is released only once this thread is parked waiting for it in collect().
      Thread caller = Thread.currentThread();
      Thread releaser =
          new Thread(
              () -> {
                while (caller.getState() != Thread.State.WAITING) {
                  Thread.onSpinWait();
                }
                release.countDown();
              });
      releaser.start();
      engine.collect();
      releaser.join();
      assertThat(host.threads).hasSize(2);
      assertThat(host.waits).singleElement().satisfies(n -> assertThat(n).isPositive());
    } finally {
      scoring.shutdown();
      assertThat(scoring.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Records the threads windows were judged on, failures, and reported waits. */
  private static final class RecordingHost implements DetectionEngine.Host {
    final List<String> threads = new ArrayList<>();
    final List<Long> waits = new ArrayList<>();

    @Override
    public DeviceDetector detector(DeviceSession s) {
      return new DeviceDetector(s.deviceId(), DetectionEngineTest.policy());
    }

    @Override
    public DetectionPolicy policy(DeviceSession s) {
      return DetectionEngineTest.policy();
    }

    @Override
    public void scored(DeviceSession s, ScoredWindow window) {
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void failed(DeviceSession s, WindowRef w, WindowFailure f, String message) {
      threads.add("failed " + message);
    }

    @Override
    public void scoringWaited(long nanos) {
      waits.add(nanos);
    }
  }

  @Test
  void aBurstOpensAndClosesOneEpisodeOnItsDeviceOnly() {
    List<ScoredWindow> windows = run(16, new ArrayList<>());
    List<EpisodeEventKind> hot = new ArrayList<>();
    List<EpisodeEventKind> calm = new ArrayList<>();
    for (ScoredWindow w : windows) {
      w.detection().event().ifPresent(e -> (w.deviceId().equals("hot") ? hot : calm).add(e.kind()));
    }
    assertThat(calm).isEmpty();
    assertThat(hot).first().isEqualTo(EpisodeEventKind.OPEN);
    assertThat(hot).last().isEqualTo(EpisodeEventKind.CLOSE);
    assertThat(hot).filteredOn(k -> k == EpisodeEventKind.OPEN).hasSize(1);
    assertThat(windows)
        .filteredOn(w -> w.phase() == WindowPhase.IN_EPISODE)
        .allMatch(w -> w.deviceId().equals("hot"))
        .isNotEmpty();
    assertThat(windows).filteredOn(w -> w.phase() == WindowPhase.WARMING_UP).hasSize(6);
  }

  @Test
  void aWindowTheModelFailsOnIsReportedAndTheRestOfItsBatchIsScored() {
    aWindowTheModelFailsOnIsFound(null);
  }

  @Test
  void aWindowTheModelFailsOnIsFoundAlsoInAnOverlappedBatch() {
    // The executor runs the model call at once, in this thread: the batch is still judged later.
    aWindowTheModelFailsOnIsFound(Runnable::run);
  }

  private void aWindowTheModelFailsOnIsFound(Executor overlap) {
    List<String> failures = new ArrayList<>();
    Recorder recorder = new Recorder(failures);
    OfflineDetection run = offline(8, recorder, overlap);
    // 18 frames: windows end at frames 3, 5, ..., 17 (8 windows). Frame 16 throws, frame 8 is NaN.
    for (int i = 0; i < 18; i++) {
      double v = i == 16 ? 666 : i == 8 ? 999 : 0.5;
      run.offer("d", T0 + i * STEP, new double[] {v, v});
    }
    run.finish();
    // Windows holding frame 16: those ending at 17 (frames 14-17); frame 8: ending at 9 and 11.
    assertThat(failures).hasSize(3);
    assertThat(failures)
        .filteredOn(f -> f.startsWith("SCORING_FAILED"))
        .singleElement()
        .asString()
        .contains("device 'd'", "model failure on 666");
    assertThat(failures).filteredOn(f -> f.startsWith("NON_FINITE_SCORE")).hasSize(2);
    assertThat(recorder.windows).hasSize(5);
    assertThat(run.counts().windowsFailed()).isEqualTo(3);
    assertThat(run.counts().windowsScored()).isEqualTo(5);
  }

  @Test
  void pausesRestartTheSequenceAndDuplicatesAreCountedNotLost() {
    OfflineDetection run =
        new OfflineDetection(spec(0), new MeanAbsScorer(4), d -> policy(), w -> {});
    for (int i = 0; i < 10; i++) {
      run.offer("d", T0 + i * STEP, new double[] {1, 1});
    }
    // The same instant again, after it was windowed: refused as a duplicate.
    FrameOutcome again = run.offer("d", T0 + 9 * STEP, new double[] {1, 1});
    // A pause of 10 steps, longer than the 3 steps carrying covers.
    for (int i = 20; i < 30; i++) {
      run.offer("d", T0 + i * STEP, new double[] {1, 1});
    }
    run.finish();
    assertThat(again).isInstanceOf(FrameOutcome.Duplicate.class);
    EngineCounts counts = run.counts();
    assertThat(counts.frames()).isEqualTo(21);
    assertThat(counts.duplicates()).isEqualTo(1);
    assertThat(counts.deadLetteredFrames()).isEqualTo(1);
    assertThat(counts.restarts()).isEqualTo(1);
    // Ten frames on each side of the pause: 4 windows each.
    assertThat(counts.windowsScored()).isEqualTo(8);
  }

  @Test
  void finishScoresWhatTheReorderBufferStillHolds() {
    List<ScoredWindow> out = new ArrayList<>();
    OfflineDetection run =
        new OfflineDetection(spec(5 * STEP), new MeanAbsScorer(4), d -> policy(), out::add);
    for (int i = 0; i < 10; i++) {
      run.offer("d", T0 + i * STEP, new double[] {1, 1});
    }
    // Frames within the grace of the newest are still buffered.
    assertThat(run.counts().windowsScored()).isLessThan(4);
    run.finish();
    assertThat(out).hasSize(4);
    assertThat(out.get(3).endTime()).isEqualTo(T0 + 9 * STEP);
  }

  private static Map<String, List<String>> summary(List<ScoredWindow> windows) {
    Map<String, List<String>> byDevice = new HashMap<>();
    for (ScoredWindow w : windows) {
      byDevice
          .computeIfAbsent(w.deviceId(), d -> new ArrayList<>())
          .add(
              w.endTime()
                  + " "
                  + w.score()
                  + " "
                  + w.threshold()
                  + " "
                  + w.phase()
                  + " "
                  + w.detection().event().map(e -> e.kind().name()).orElse("-"));
    }
    return byDevice;
  }
}
