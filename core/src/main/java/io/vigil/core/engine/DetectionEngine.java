package io.vigil.core.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.detect.PolicyChange;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.window.AssemblyEvent;
import io.vigil.core.window.AssemblyResult;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.WindowRef;
import io.vigil.core.window.WindowSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The detection path every caller shares: frames enter their device's assembler, the windows it
 * cuts are queued as references into its ring and scored as one micro-batch (copied once, from the
 * rings into the model's input), and each score is judged by the device's detector under the policy
 * in force.
 *
 * <p>Batches are scored when {@link #flushIfFull()} finds {@code maxBatchSize} windows queued, when
 * a device's ring would otherwise overwrite a queued window (checked in {@link #offer}), and when
 * the caller calls {@link #flush()} (the stream on its linger punctuation, an offline run at the
 * end). Per device, windows are judged in the order they were cut, so results do not depend on how
 * the devices' windows were grouped into batches.
 *
 * <p>Overlapped scoring (an {@link Executor} given at construction): a full micro-batch is copied
 * into one of two input buffers and handed to the executor, and the caller goes on (assembling the
 * next batch's windows) while the model runs; the batch is judged, on the caller's thread, when the
 * next one is handed over, on {@link #collect()} (or {@link #collectIfDone()}), or on {@link
 * #flush()}. At most one batch is in flight, so windows are still judged in order. Until judged,
 * its windows are unacknowledged in their assemblers: state saved meanwhile still holds them as
 * pending, and they are scored again after a crash.
 *
 * <p>Nothing stalls it: a batch the model fails on is halved until the failing window is found;
 * that window, one with a non-finite score, or one the detector throws on is reported to the host
 * ({@link Host#failed}) and the others are judged.
 *
 * <p>The host supplies what differs between callers: where detectors come from (a state store, or a
 * fresh one), the policy in force, and what happens to results (Kafka records, rows of a file). Not
 * thread-safe: one engine per stream task or offline run (the executor only runs the model).
 */
public final class DetectionEngine {

  /** What the caller provides and receives. */
  public interface Host {

    /**
     * Returns the device's detector when its session has none: restored from storage, or new.
     *
     * @param session the device
     * @return its detector
     */
    DeviceDetector detector(DeviceSession session);

    /**
     * Returns the policy in force for the device now.
     *
     * @param session the device
     * @return the policy
     */
    DetectionPolicy policy(DeviceSession session);

    /**
     * Receives one judged window, in the device's window order.
     *
     * @param session the device
     * @param window the window, its scores and the verdict
     */
    void scored(DeviceSession session, ScoredWindow window);

    /**
     * Receives a window that could not be scored or judged; it is acknowledged and gone.
     *
     * @param session the device
     * @param window the window
     * @param failure why
     * @param message device, window span and cause, for logs and dead letters
     */
    void failed(DeviceSession session, WindowRef window, WindowFailure failure, String message);

    /**
     * Told after each call to the model.
     *
     * @param count windows in the call
     * @param nanos time the call took
     */
    default void batchScored(int count, long nanos) {}

    /**
     * Told when the caller had to wait for an overlapped batch's model call: the time it waited.
     *
     * @param nanos how long it waited
     */
    default void scoringWaited(long nanos) {}

    /**
     * Told when the model failed on a batch of several windows, before it is halved.
     *
     * @param count windows in the failed call
     * @param cause what the model threw
     */
    default void batchSplit(int count, RuntimeException cause) {}

    /**
     * Told once a micro-batch is judged, with every device it touched (to save their state).
     *
     * @param touched the devices, each once, in first-touched order
     */
    default void batchDone(List<DeviceSession> touched) {}
  }

  /** A window waiting for its micro-batch. */
  private record Queued(DeviceSession session, WindowRef window) {}

  /** One call of the model: its scores, or what it threw, and how long it took. */
  private record Attempt(WindowScorer.ScoredBatch scores, RuntimeException failure, long nanos) {}

  /** A micro-batch handed to the executor and not judged yet. */
  private record InFlight(
      List<Queued> batch,
      Touched touched,
      float[] input,
      long[][] frameTimes,
      CompletableFuture<Attempt> attempt) {}

  private final List<String> channels;
  private final int windowValues;
  private final WindowScorer scorer;
  private final ExtraOutputs extras;
  private final Host host;

  /** Runs the model for overlapped batches; null: every batch is scored on the caller's thread. */
  private final Executor overlap;

  /** The model's input buffers: one, or two when overlapped (one in flight, one being filled). */
  private final float[][] inputs;

  /**
   * The frame times of each window of a batch, read with its values; only for reconstructions. One
   * set per input buffer.
   */
  private final long[][][] frameTimes;

  /** The buffer the next batch is copied into. */
  private int nextBuffer;

  /** The overlapped batch not yet judged, or null. */
  private InFlight inFlight;

  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final EngineCounts counts = new EngineCounts();

  /** Micro-batches flushed so far: numbers each batch for {@link Touched}. */
  private long batches;

  /** The devices a micro-batch touched, each once (marked on the session, no hashing). */
  private static final class Touched {
    final long batch;
    final List<DeviceSession> sessions = new ArrayList<>();

    Touched(long batch) {
      this.batch = batch;
    }

    void add(DeviceSession session) {
      if (session.touchedInBatch != batch) {
        session.touchedInBatch = batch;
        sessions.add(session);
      }
    }
  }

  /**
   * Creates an engine.
   *
   * @param spec the model's window shape (its channels and W)
   * @param scorer the model
   * @param host the caller's side
   */
  public DetectionEngine(WindowSpec spec, WindowScorer scorer, Host host) {
    this(spec, scorer, ExtraOutputs.NONE, host);
  }

  /**
   * Creates an engine whose judged windows carry extra outputs of the model.
   *
   * @param spec the model's window shape (its channels and W)
   * @param scorer the model
   * @param extras the reconstructions and latent codes to fetch with every batch
   * @param host the caller's side
   * @throws IllegalArgumentException if latent codes are asked of a model that has none
   */
  public DetectionEngine(WindowSpec spec, WindowScorer scorer, ExtraOutputs extras, Host host) {
    this(spec, scorer, extras, host, null);
  }

  /**
   * Creates an engine that runs the model on {@code overlap} for full micro-batches, while the
   * caller goes on; see the class comment.
   *
   * @param spec the model's window shape (its channels and W)
   * @param scorer the model; used by one thread at a time, never concurrently
   * @param extras the reconstructions and latent codes to fetch with every batch
   * @param host the caller's side
   * @param overlap runs the model calls of full batches; null to score every batch in the caller
   * @throws IllegalArgumentException if latent codes are asked of a model that has none
   */
  public DetectionEngine(
      WindowSpec spec, WindowScorer scorer, ExtraOutputs extras, Host host, Executor overlap) {
    this.channels = spec.channels();
    this.windowValues = spec.windowSize() * channels.size();
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.extras = Objects.requireNonNull(extras, "extras");
    this.host = Objects.requireNonNull(host, "host");
    if (extras.latent() && scorer.latentSize() == 0) {
      throw new IllegalArgumentException(
          "latent codes (embeddings) were asked for, but the model has no 'latent' output"
              + " [batch, L]; export it again with this version of Vigil, or turn embeddings off");
    }
    this.overlap = overlap;
    int buffers = overlap == null ? 1 : 2;
    this.inputs = new float[buffers][scorer.maxBatchSize() * windowValues];
    this.frameTimes = new long[buffers][extras.reconstruction() ? scorer.maxBatchSize() : 0][];
  }

  /**
   * Offers one frame to its device's assembler and queues the windows it completes. Scores the
   * queue first when the device's ring would otherwise overwrite a queued window. Late and
   * duplicate frames are refused by the assembler; the caller dead-letters them from the result.
   *
   * @param session the device
   * @param frame the frame, values in the model's feature order
   * @return what the assembler did: the frame's outcome, and the windows, skips and restarts
   */
  public AssemblyResult offer(DeviceSession session, Frame frame) {
    if (session.assembler().mustDrainBeforeOffer()) {
      flush();
    }
    AssemblyResult result = session.assembler().offer(frame);
    counts.countFrame();
    FrameOutcome outcome = result.outcome();
    if (outcome instanceof FrameOutcome.Late) {
      counts.countLate();
    } else if (outcome instanceof FrameOutcome.Duplicate) {
      counts.countDuplicate();
    } else if (outcome instanceof FrameOutcome.Merged) {
      counts.countMerged();
    }
    enqueue(session, result.events());
    return result;
  }

  /**
   * Queues the windows among assembly events (from {@link #offer} or the assembler's own {@code
   * flush()} at the end of an offline run) and counts skips and restarts.
   *
   * @param session the device
   * @param events the assembler's events
   */
  public void enqueue(DeviceSession session, List<AssemblyEvent> events) {
    for (AssemblyEvent event : events) {
      if (event instanceof AssemblyEvent.WindowReady ready) {
        counts.countCut();
        queue.addLast(new Queued(session, ready.window()));
      } else if (event instanceof AssemblyEvent.WindowSkipped) {
        counts.countSkipped();
      } else if (event instanceof AssemblyEvent.SequenceRestarted) {
        counts.countRestart();
      }
    }
  }

  /**
   * Queues a window that was cut earlier and not scored (the stream's recovery after a restart).
   *
   * @param session the device
   * @param window one of its assembler's pending windows
   */
  public void requeue(DeviceSession session, WindowRef window) {
    queue.addLast(new Queued(session, window));
  }

  /**
   * Returns the windows waiting for a micro-batch (not those of a batch in flight).
   *
   * @return the queue length
   */
  public int queued() {
    return queue.size();
  }

  /**
   * Returns the windows of the overlapped batch not yet judged.
   *
   * @return 0 when no batch is in flight
   */
  public int inFlight() {
    return inFlight == null ? 0 : inFlight.batch().size();
  }

  /**
   * Scores the whole queue when a full micro-batch is waiting; when overlapped, its last batch is
   * left in flight. Batches are formed the same way either way.
   */
  public void flushIfFull() {
    if (queue.size() >= scorer.maxBatchSize()) {
      handOver();
    }
  }

  /** Scores and judges every queued window, one micro-batch at a time, and the batch in flight. */
  public void flush() {
    collect();
    while (!queue.isEmpty()) {
      flushBatch(false);
    }
  }

  /**
   * Scores every queued window: like {@link #flush()} when not overlapped; when overlapped, the
   * batch in flight is judged and the queue is handed over, its last batch (full or not) left in
   * flight.
   */
  public void handOver() {
    if (overlap == null) {
      flush();
      return;
    }
    collect();
    while (!queue.isEmpty()) {
      flushBatch(true);
    }
  }

  /** Judges the batch in flight if the model is done with it; never waits. */
  public void collectIfDone() {
    if (inFlight != null && inFlight.attempt().isDone()) {
      collect();
    }
  }

  /** Waits for the batch in flight, if any, and judges it. */
  public void collect() {
    InFlight f = inFlight;
    if (f == null) {
      return;
    }
    inFlight = null;
    Attempt attempt;
    if (f.attempt().isDone()) {
      attempt = f.attempt().join();
    } else {
      long start = System.nanoTime();
      attempt = f.attempt().join();
      host.scoringWaited(System.nanoTime() - start);
    }
    score(f.batch(), 0, f.batch().size(), f.touched(), f.input(), f.frameTimes(), attempt);
    host.batchDone(f.touched().sessions);
  }

  /**
   * Waits for the batch in flight, if any, and drops it unjudged: for a caller that stops (its
   * windows stay pending in the state it saved). The engine must not be used afterwards.
   */
  public void abandon() {
    InFlight f = inFlight;
    inFlight = null;
    if (f != null) {
      f.attempt().join();
    }
  }

  /**
   * Returns the counts so far.
   *
   * @return the engine's counters (live, not a copy)
   */
  public EngineCounts counts() {
    return counts;
  }

  /**
   * Takes the next micro-batch off the queue and copies it into an input buffer; scores and judges
   * it here, or (when {@code overlapped}, which only {@link #handOver()} passes, and only with an
   * executor) hands the model call over.
   */
  private void flushBatch(boolean overlapped) {
    collect();
    float[] input = inputs[nextBuffer];
    long[][] times = frameTimes[nextBuffer];
    nextBuffer = (nextBuffer + 1) % inputs.length;
    int n = Math.min(queue.size(), scorer.maxBatchSize());
    List<Queued> batch = new ArrayList<>(n);
    Touched touched = new Touched(++batches);
    for (int i = 0; i < n; i++) {
      Queued q = queue.pollFirst();
      try {
        q.session().assembler().copyInto(q.window(), input, batch.size() * windowValues);
        if (extras.reconstruction()) {
          // Read with the values, from the same ring slots: what the reconstruction's rows are.
          times[batch.size()] = q.session().assembler().frameTimes(q.window());
        }
        batch.add(q);
      } catch (IllegalStateException e) {
        // Cannot happen while windows are drained before the ring overwrites them; never stall.
        touched.add(q.session());
        fail(q, WindowFailure.FRAMES_LOST, "its frames are no longer held: " + e.getMessage());
      }
    }
    if (overlapped && !batch.isEmpty()) {
      int count = batch.size();
      try {
        inFlight =
            new InFlight(
                batch,
                touched,
                input,
                times,
                CompletableFuture.supplyAsync(() -> attempt(input, count), overlap));
        return;
      } catch (RejectedExecutionException e) {
        // the executor is shutting down: score here instead
      }
    }
    score(batch, 0, batch.size(), touched, input, times, null);
    host.batchDone(touched.sessions);
  }

  /** Calls the model; never throws a RuntimeException, it is returned for the judging thread. */
  private Attempt attempt(float[] windows, int count) {
    long start = System.nanoTime();
    try {
      WindowScorer.ScoredBatch scores =
          extras.any()
              ? scorer.scoreBatch(windows, count, extras)
              : scorer.scoreBatch(windows, count);
      return new Attempt(scores, null, System.nanoTime() - start);
    } catch (RuntimeException e) {
      return new Attempt(null, e, System.nanoTime() - start);
    }
  }

  /**
   * Scores {@code batch[from, to)} (or takes {@code done}, the model's answer for that range when
   * it was called already); when the model fails, halves the range to find the window.
   */
  private void score(
      List<Queued> batch,
      int from,
      int to,
      Touched touched,
      float[] input,
      long[][] times,
      Attempt done) {
    if (from >= to) {
      return;
    }
    int count = to - from;
    Attempt a = done;
    if (a == null) {
      float[] windows =
          from == 0 ? input : Arrays.copyOfRange(input, from * windowValues, to * windowValues);
      a = attempt(windows, count);
    }
    if (a.failure() != null) {
      if (count == 1) {
        Queued q = batch.get(from);
        touched.add(q.session());
        fail(q, WindowFailure.SCORING_FAILED, "the model failed on it: " + a.failure());
        return;
      }
      host.batchSplit(count, a.failure());
      int mid = from + count / 2;
      score(batch, from, mid, touched, input, times, null);
      score(batch, mid, to, touched, input, times, null);
      return;
    }
    host.batchScored(count, a.nanos());
    for (int i = 0; i < count; i++) {
      Queued q = batch.get(from + i);
      touched.add(q.session());
      judge(q, a.scores(), i, extras.reconstruction() ? times[from + i] : null);
    }
  }

  private void judge(Queued q, WindowScorer.ScoredBatch scores, int i, long[] times) {
    DeviceSession session = q.session();
    WindowRef w = q.window();
    session.assembler().acknowledge(w);
    double score = scores.score(i);
    if (!Double.isFinite(score)) {
      fail(
          q,
          WindowFailure.NON_FINITE_SCORE,
          "its score is "
              + score
              + " (the model overflowed on its values); expected a finite score >= 0");
      return;
    }
    float[] channelScores = scores.channelScores(i);
    double[] perChannel = new double[channelScores.length];
    for (int f = 0; f < perChannel.length; f++) {
      perChannel[f] = channelScores[f];
    }
    Detection d;
    boolean policyChanged = false;
    try {
      if (session.detector() == null) {
        session.detector(host.detector(session));
      }
      DeviceDetector detector = session.detector();
      DetectionPolicy policy = host.policy(session);
      if (!policy.policyId().equals(detector.policy().policyId())
          || policy.version() != detector.policy().version()) {
        policyChanged = detector.replacePolicy(policy) != PolicyChange.IGNORED_NOT_NEWER;
      }
      d = detector.onScore(w.endTime(), score, ChannelScores.of(channels, perChannel));
    } catch (RuntimeException e) {
      fail(q, WindowFailure.DETECTION_FAILED, "the detector failed on it: " + e);
      return;
    }
    if (policyChanged) {
      counts.countPolicyChange();
    }
    WindowPhase phase = WindowPhase.of(d, session.detector().isEpisodeOpen());
    counts.countScored(phase);
    d.event().ifPresent(e -> counts.countEvent(e.kind()));
    host.scored(
        session,
        new ScoredWindow(
            session.deviceId(),
            w.startTime(),
            w.endTime(),
            channels,
            channelScores,
            d,
            phase,
            policyChanged,
            times,
            extras.reconstruction() ? scores.reconstruction(i) : null,
            extras.latent() ? scores.latent(i) : null));
  }

  private void fail(Queued q, WindowFailure failure, String cause) {
    WindowRef w = q.window();
    q.session().assembler().acknowledge(w);
    counts.countFailure(failure);
    host.failed(
        q.session(),
        w,
        failure,
        String.format(
            Locale.ROOT,
            "device '%s': window %s..%s not scored: %s",
            q.session().deviceId(),
            Instant.ofEpochMilli(w.startTime()),
            Instant.ofEpochMilli(w.endTime()),
            cause));
  }
}
