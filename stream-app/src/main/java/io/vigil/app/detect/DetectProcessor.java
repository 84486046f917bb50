package io.vigil.app.detect;

import io.vigil.app.config.DetectionSettings;
import io.vigil.app.config.OutputSettings;
import io.vigil.app.ingest.DeadLetters;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.policy.PolicyResolver;
import io.vigil.app.topology.StoreOffsets;
import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.engine.DetectionEngine;
import io.vigil.core.engine.DeviceSession;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowFailure;
import io.vigil.core.window.AssemblyEvent;
import io.vigil.core.window.AssemblyResult;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowRef;
import io.vigil.core.window.WindowSpec;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.mapping.OutputRecords;
import io.vigil.schemas.serde.ChannelMap;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection stage for the devices of one stream task.
 *
 * <p>Per frame (O(F) work and bytes, whatever W): the frame enters its device's {@link
 * WindowAssembler}; at the next commit the assembler's small head and the records of the ring slots
 * filled since the last one are written to their stores ({@link DeviceRecords}). A window that is
 * cut is a reference into the ring, queued in memory; windows are scored as one micro-batch when
 * {@code maxBatchSize} are queued, when a device's ring would otherwise overwrite a queued window,
 * or on a wall-clock punctuation when the oldest has waited the configured linger. Each batch's
 * windows are copied once, from the rings into the model's input. With {@code
 * vigil.inference.overlap} (the default) a full batch is scored on the task's scoring thread while
 * this one goes on with the next frames, and judged (its outputs forwarded) at the first record
 * that finds the model done with it, when the next batch is handed over, or at the next
 * punctuation; a batch of lingering windows is handed over the same way while frames keep coming
 * (and scored at once when none came for a linger). Its windows stay pending in the state until
 * then. After a crash (even with local state wiped) the stores' changelogs give back every head,
 * and with it the windows that were cut and not scored at the last commit; they are queued again at
 * start.
 *
 * <p>Values out of float32 range and frames far ahead of the wall clock never get here: ingest
 * refuses them ({@link io.vigil.app.ingest.ValueChecks}). Nothing stalls the task: a failing
 * micro-batch is split until the failing window is found, and that window (non-finite score, model
 * error, detector error) is dead-lettered with its device, its span and the cause while the others
 * are scored; state that cannot be decoded is dead-lettered and started afresh; windows cut for
 * another model's window shape are dead-lettered as MODEL_CHANGED. Frames too far in the future,
 * duplicates and late frames are dead-lettered with their reason; channels the model does not know
 * are ignored and counted (or dead-lettered, when so configured).
 *
 * <p>The in-memory objects are working copies of the stores, rebuilt from them in {@link #init}:
 * every change is written to the stores before the commit that follows it ({@link
 * CommitWriteStore}'s hook; in the same call, when the stores are not hooked), so what Kafka
 * Streams commits is always the state the objects hold.
 *
 * <p>Outputs, all to the single downstream node, told apart by type: {@code WindowScore}, {@code
 * AnomalyEvent} and {@code DeadLetter}, and when configured ({@link OutputSettings}) a {@code
 * DenoisedWindow} and a {@code WindowEmbedding} per scored window. Those are forwarded in the same
 * call as the window's score, so under exactly-once they are committed with it or not at all.
 */
public final class DetectProcessor implements Processor<String, TelemetryFrame, String, Object> {
  /** Store names, for the topology. */
  public static final String HEADS = DeviceRecords.HEADS;

  public static final String FRAMES = DeviceRecords.FRAMES;
  public static final String DETECTORS = DeviceRecords.DETECTORS;

  /** The dashboard's stores: recent scores per device, and episodes by id (latest event). */
  public static final String RECENT_SCORES = RecentScores.STORE;

  public static final String EPISODES = "episodes";

  /** Closed episodes are kept this long after their end (wall clock) for the alerts page. */
  static final long EPISODE_KEEP_MILLIS = Duration.ofDays(7).toMillis();

  private static final Logger LOG = LoggerFactory.getLogger(DetectProcessor.class);

  /** Unknown (device, channel) pairs logged at most once each, up to this many pairs. */
  private static final int MAX_LOGGED_UNKNOWN = 10_000;

  private final ScoringModel model;
  private final VigilMetrics metrics;
  private final DetectionSettings settings;
  private final OutputSettings outputs;
  private final String policyStore;
  private final byte[] modelKey;

  /** The key detectors were stored under before it named the window shape; read as this model. */
  private final byte[] legacyModelKey;

  private final AtomicInteger openEpisodes = new AtomicInteger();

  /** The engine's queue length as of the last record or punctuation, for the metrics thread. */
  private final AtomicInteger queuedWindows = new AtomicInteger();

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> heads;
  private KeyValueStore<Bytes, byte[]> frames;
  private KeyValueStore<String, byte[]> detectors;
  private WindowStore<String, byte[]> recentScores;
  private KeyValueStore<String, byte[]> episodes;
  private final LiveFeed feed;
  private final DeviceSummaries summaries;

  /** The devices this processor entered in {@link #summaries}, removed when it closes. */
  private final Set<String> summarized = new HashSet<>();

  private PolicyResolver policies;
  private DetectionEngine engine;

  /** Runs the model for overlapped micro-batches; null when scoring is not overlapped. */
  private ExecutorService scoring;

  private final Map<String, DeviceState> devices = new HashMap<>();

  /**
   * The channel layout of the last decoded frame, where each model feature is in it (-1 where
   * absent), and its channels the model does not know: frames of one sender share a layout.
   */
  private ChannelMap.Layout lastLayout;

  private int[] lastLayoutFeatures;
  private List<String> lastLayoutUnknown;
  private final Set<String> loggedUnknown = new HashSet<>();
  private long oldestQueuedSinceMillis;

  /** When the last frame arrived (wall clock): the input is idle when none came for a linger. */
  private long lastRecordWallMillis;

  private long lastSweepMillis;

  /**
   * Dead letters raised while {@link #init} rebuilds state: Kafka Streams refuses forwards from
   * init, so they go out with the first record or punctuation.
   */
  private final List<Runnable> deferred = new ArrayList<>();

  private boolean initializing;

  /**
   * Devices whose head or detector changed since the last commit, written by {@link #writeDeferred}
   * just before it; always empty when writes go through.
   */
  private final List<DeviceState> changed = new ArrayList<>();

  /**
   * The stores whose commit hook writes {@link #changed}; empty when they are not {@link
   * CommitWriteStore}s, and then every change is written through.
   */
  private final List<CommitWriteStore<String, byte[]>> hooked = new ArrayList<>();

  /** A device's working state: the engine's session and the wall-clock times of this task. */
  private static final class DeviceState extends DeviceSession {
    long lastFrameWall;
    long lastWindowWall;
    boolean headChanged;
    boolean detectorChanged;

    DeviceState(String device, WindowAssembler assembler) {
      super(device, assembler);
    }
  }

  public DetectProcessor(
      ScoringModel model, VigilMetrics metrics, DetectionSettings settings, String policyStore) {
    this(model, metrics, settings, policyStore, LiveFeed.NONE, new DeviceSummaries());
  }

  /**
   * Creates the processor.
   *
   * @param feed told about every judged window and episode event, for the dashboard's live view
   * @param summaries the instance's device summaries for the fleet page, kept up to date here
   */
  public DetectProcessor(
      ScoringModel model,
      VigilMetrics metrics,
      DetectionSettings settings,
      String policyStore,
      LiveFeed feed,
      DeviceSummaries summaries) {
    this(model, metrics, settings, OutputSettings.NONE, policyStore, feed, summaries);
  }

  /**
   * Creates the processor with optional outputs.
   *
   * @param outputs the per-window outputs to forward besides scores and events
   * @param feed told about every judged window and episode event, for the dashboard's live view
   * @param summaries the instance's device summaries for the fleet page, kept up to date here
   */
  public DetectProcessor(
      ScoringModel model,
      VigilMetrics metrics,
      DetectionSettings settings,
      OutputSettings outputs,
      String policyStore,
      LiveFeed feed,
      DeviceSummaries summaries) {
    this.outputs = outputs;
    this.feed = feed;
    this.summaries = summaries;
    this.model = model;
    this.metrics = metrics;
    this.settings = settings;
    this.policyStore = policyStore;
    // The model and its window shape: two models with one id and version but another W, S or
    // feature list give scores that are not comparable.
    WindowSpec shape = model.windowSpec();
    this.legacyModelKey =
        (model.ref().getId() + "@" + model.ref().getVersion()).getBytes(StandardCharsets.UTF_8);
    this.modelKey =
        (model.ref().getId()
                + "@"
                + model.ref().getVersion()
                + "/W="
                + shape.windowSize()
                + "/S="
                + shape.stride()
                + "/"
                + shape.channels())
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.heads = context.getStateStore(HEADS);
    this.frames = context.getStateStore(FRAMES);
    this.detectors = context.getStateStore(DETECTORS);
    this.recentScores = context.getStateStore(RECENT_SCORES);
    this.episodes = context.getStateStore(EPISODES);
    hookCommits(context);
    KeyValueStore<String, ThresholdPolicy> active = context.getStateStore(policyStore);
    this.policies =
        new PolicyResolver(
            active,
            model.metadata().suggestedThreshold(),
            model.metadata().window(),
            model.metadata().stride());
    // init may run again on the same instance after a dirty close: start from the stores only.
    stopScoring();
    if (settings.overlapScoring()) {
      String name = "vigil-scoring-" + context.taskId();
      scoring =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              });
    }
    this.engine =
        new DetectionEngine(
            model.windowSpec(), model.onnx().newScorer(), outputs.extras(), new Host(), scoring);
    devices.clear();
    changed.clear();
    deferred.clear();
    openEpisodes.set(0);
    long now = context.currentSystemTimeMs();
    initializing = true;
    try {
      recoverOpenEpisodes(now);
      recoverPendingWindows(now);
      summarizeStoredDevices();
    } finally {
      initializing = false;
    }
    metrics.openEpisodesFrom(this, openEpisodes::get);
    queuedWindows.set(waitingWindows());
    metrics.queuedWindowsFrom(this, queuedWindows::get);
    oldestQueuedSinceMillis = now;
    lastSweepMillis = now;
    context.schedule(
        Duration.ofMillis(settings.batchLingerMillis()),
        PunctuationType.WALL_CLOCK_TIME,
        this::flushIfLingered);
    context.schedule(
        Duration.ofMillis(Math.min(settings.idleCloseMillis() / 4, 30_000)),
        PunctuationType.WALL_CLOCK_TIME,
        this::maintain);
    StoreOffsets.markOnce(
        context,
        Map.of(
            HEADS,
            StoreOffsets.MARK,
            FRAMES,
            StoreOffsets.MARK_BYTES,
            DETECTORS,
            StoreOffsets.MARK,
            RECENT_SCORES,
            StoreOffsets.MARK,
            EPISODES,
            StoreOffsets.MARK));
  }

  /**
   * Defers head and detector writes to the commit when both stores are {@link CommitWriteStore}s;
   * otherwise every change is written through.
   */
  private void hookCommits(ProcessorContext<String, Object> context) {
    unhookCommits();
    Optional<CommitWriteStore<String, byte[]>> h =
        CommitWriteStore.find(context.getStateStore(HEADS));
    Optional<CommitWriteStore<String, byte[]>> d =
        CommitWriteStore.find(context.getStateStore(DETECTORS));
    if (h.isPresent() && d.isPresent()) {
      hooked.add(h.get());
      hooked.add(d.get());
      hooked.forEach(store -> store.beforeCommit(this::writeDeferred));
    }
  }

  private void unhookCommits() {
    hooked.forEach(store -> store.beforeCommit(null));
    hooked.clear();
  }

  /** Writes the heads and detectors that changed since the last commit. */
  private void writeDeferred() {
    for (DeviceState state : changed) {
      if (state.headChanged) {
        state.headChanged = false;
        writeHead(state);
      }
      if (state.detectorChanged) {
        state.detectorChanged = false;
        writeDetector(state);
      }
    }
    changed.clear();
  }

  /** Notes that a device's head or detector changed: written now, or at the commit when hooked. */
  private void changed(DeviceState state, boolean head, boolean detector) {
    if (hooked.isEmpty()) {
      if (head) {
        writeHead(state);
      }
      if (detector) {
        writeDetector(state);
      }
      return;
    }
    if (!state.headChanged && !state.detectorChanged) {
      changed.add(state);
    }
    state.headChanged |= head;
    state.detectorChanged |= detector;
  }

  /**
   * Drops the batch in flight (its windows stay pending in the state last committed, scored again
   * by whoever runs the task next) and stops the scoring thread.
   */
  private void stopScoring() {
    if (engine != null) {
      engine.abandon();
    }
    if (scoring != null) {
      scoring.shutdown();
      scoring = null;
    }
  }

  /** Windows queued or in the batch in flight. */
  private int waitingWindows() {
    return engine.queued() + engine.inFlight();
  }

  @Override
  public void close() {
    stopScoring();
    unhookCommits();
    summaries.removeAll(summarized);
    summarized.clear();
    metrics.removeOpenEpisodes(this);
    metrics.removeQueuedWindows(this);
  }

  /** Enters every device of this task's stores in the instance's summaries. */
  private void summarizeStoredDevices() {
    summaries.removeAll(summarized);
    summarized.clear();
    try (KeyValueIterator<String, byte[]> it = detectors.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        try {
          if (learnedFromThisModel(DeviceRecords.detector(kv.value).modelKey())) {
            summaries.loaded(DeviceSnapshot.of(kv.key, kv.value, heads.get(kv.key)));
            summarized.add(kv.key);
          }
        } catch (RuntimeException e) {
          // corrupt state is dead-lettered when the device next scores a window
        }
      }
    }
  }

  /** Devices whose episode is open are held in memory, so that idle closing can see them. */
  private void recoverOpenEpisodes(long now) {
    try (KeyValueIterator<String, byte[]> it = detectors.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        DeviceRecords.Detector record;
        try {
          record = DeviceRecords.detector(kv.value);
        } catch (CorruptStateException e) {
          continue; // dead-lettered when the device next scores a window
        }
        if (record.episodeOpen() && learnedFromThisModel(record.modelKey())) {
          DeviceState state = device(kv.key, now);
          if (state.detector() == null) {
            state.detector(loadDetector(state));
          }
          state.lastWindowWall = now;
        }
      }
    }
  }

  /** Windows that were cut and not scored at the last commit are queued again. */
  private void recoverPendingWindows(long now) {
    List<String> withPending = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = heads.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        try {
          if (DeviceRecords.pendingCount(kv.value) > 0) {
            withPending.add(kv.key);
          }
        } catch (CorruptStateException e) {
          withPending.add(kv.key); // loading it reports the corruption
        }
      }
    }
    for (String device : withPending) {
      DeviceState state = device(device, now);
      for (WindowRef ref : state.assembler().pending()) {
        engine.requeue(state, ref);
      }
    }
    if (!withPending.isEmpty()) {
      LOG.info(
          "task {}: {} windows of {} devices were pending at the last commit; scoring them",
          context.taskId(),
          engine.queued(),
          withPending.size());
    }
  }

  @Override
  public void process(Record<String, TelemetryFrame> record) {
    emitDeferred();
    engine.collectIfDone();
    TelemetryFrame frame = record.value();
    String device = record.key();
    long now = context.currentSystemTimeMs();
    lastRecordWallMillis = now;
    long time = frame.getEventTime().toEpochMilli();
    double[] values = values(record, device);
    if (values == null) {
      return;
    }
    DeviceState state = device(device, now);
    if (engine.queued() == 0) {
      oldestQueuedSinceMillis = now;
    }
    AssemblyResult result = engine.offer(state, Frame.of(time, values));
    FrameOutcome outcome = result.outcome();
    if (outcome instanceof FrameOutcome.Late late) {
      deadLetter(
          record, DeadLetterReason.LATE, "frame of device '" + device + "': " + late.message());
    } else if (outcome instanceof FrameOutcome.Duplicate duplicate) {
      deadLetter(
          record,
          DeadLetterReason.DUPLICATE,
          "frame of device '" + device + "': " + duplicate.message());
    } else {
      if (outcome instanceof FrameOutcome.Merged) {
        metrics.frameMerged();
      }
      metrics.frameAccepted();
    }
    state.lastFrameWall = now;
    for (AssemblyEvent event : result.events()) {
      if (event instanceof AssemblyEvent.WindowSkipped skipped) {
        metrics.windowSkipped();
        LOG.debug("device {}: window not scored: {}", device, skipped.message());
      } else if (event instanceof AssemblyEvent.SequenceRestarted restarted) {
        metrics.windowRestarted();
        LOG.debug("device {}: {}", device, restarted.message());
      }
    }
    // The head and the ring's new frames: written now, or (deferred) at the commit.
    changed(state, true, false);
    engine.flushIfFull();
    queuedWindows.lazySet(waitingWindows());
  }

  /** The frame's values in feature order (NaN where absent), or null when it was dead-lettered. */
  private double[] values(Record<String, TelemetryFrame> record, String device) {
    List<String> features = model.featureList();
    Map<String, Double> channels = record.value().getChannels();
    ChannelMap.Layout layout = channels instanceof ChannelMap known ? known.layout() : null;
    if (layout != null && layout != lastLayout) {
      lastLayout = layout;
      lastLayoutFeatures = new int[features.size()];
      for (int f = 0; f < features.size(); f++) {
        lastLayoutFeatures[f] = layout.indexOf(features.get(f));
      }
      lastLayoutUnknown = layout.names().stream().filter(c -> !model.knows(c)).toList();
    }
    List<String> newlyUnknown = null;
    for (String channel : layout != null ? lastLayoutUnknown : channels.keySet()) {
      if (model.knows(channel)) {
        continue;
      }
      if (settings.unknownChannels() == DetectionSettings.UnknownChannels.DEAD_LETTER) {
        deadLetter(
            record,
            DeadLetterReason.UNKNOWN_CHANNEL,
            String.format(
                Locale.ROOT,
                "frame of device '%s' at %s has channel '%s', which model '%s' does not know;"
                    + " expected channels among %s",
                device,
                record.value().getEventTime(),
                channel,
                model.ref().getId(),
                features));
        return null;
      }
      metrics.unknownChannel(channel);
      if (loggedUnknown.size() < MAX_LOGGED_UNKNOWN && loggedUnknown.add(device + "\0" + channel)) {
        if (newlyUnknown == null) {
          newlyUnknown = new ArrayList<>();
        }
        newlyUnknown.add(channel);
      }
    }
    if (newlyUnknown != null) {
      // One line per frame at most, whatever the number of channels it brings.
      LOG.info(
          "device {}: ignoring {} channel(s) that model '{}' does not know: {}{} (counted in"
              + " vigil_channels_unknown_total; logged once per device and channel)",
          device,
          newlyUnknown.size(),
          model.ref().getId(),
          newlyUnknown.subList(0, Math.min(5, newlyUnknown.size())),
          newlyUnknown.size() > 5 ? " and more" : "");
    }
    double[] values = new double[features.size()];
    if (layout != null) {
      ChannelMap byPosition = (ChannelMap) channels;
      for (int f = 0; f < values.length; f++) {
        int i = lastLayoutFeatures[f];
        values[f] = i < 0 ? Double.NaN : byPosition.value(i);
      }
      return values;
    }
    for (int f = 0; f < values.length; f++) {
      Double v = channels.get(features.get(f));
      values[f] = v == null ? Double.NaN : v;
    }
    return values;
  }

  /** The device's working state, loaded from the stores on first use in this task. */
  private DeviceState device(String device, long now) {
    DeviceState state = devices.get(device);
    if (state != null) {
      return state;
    }
    state = new DeviceState(device, loadAssembler(device));
    state.lastFrameWall = now;
    state.lastWindowWall = now;
    devices.put(device, state);
    return state;
  }

  private WindowAssembler loadAssembler(String device) {
    byte[] stored = heads.get(device);
    WindowSpec spec = model.windowSpec();
    if (stored == null) {
      return new WindowAssembler(spec);
    }
    byte[] head;
    WindowSpec storedSpec;
    try {
      head = DeviceRecords.assemblerHead(stored);
      storedSpec = WindowAssembler.specOf(head);
    } catch (CorruptStateException e) {
      stateLost(device, "window state", e);
      return new WindowAssembler(spec);
    }
    if (!storedSpec.equals(spec)) {
      modelChanged(device, stored, storedSpec);
      WindowAssembler fresh = new WindowAssembler(spec);
      // Replace the old head at once (so a second restart does not report the same windows
      // again) and delete the old ring's slots, laid out for the old shape.
      Runnable cleanSlate =
          () -> {
            deleteFrames(device, storedSpec);
            heads.put(
                device,
                DeviceRecords.head(
                    context.currentSystemTimeMs(), fresh.pendingCount(), fresh.encodeHead()));
          };
      if (initializing) {
        deferred.add(cleanSlate);
      } else {
        cleanSlate.run();
      }
      return fresh;
    }
    try {
      return WindowAssembler.restore(head, DeviceRecords.storedFrames(device, frames::get));
    } catch (CorruptStateException e) {
      stateLost(device, "window state", e);
      return new WindowAssembler(spec);
    }
  }

  /** Windows cut for another window shape cannot be scored by this model: say so for each. */
  private void modelChanged(String device, byte[] stored, WindowSpec storedSpec) {
    int pending;
    try {
      pending = DeviceRecords.pendingCount(stored);
    } catch (CorruptStateException e) {
      pending = 0;
    }
    LOG.info(
        "device {}: the window shape changed with the model (was W={} S={} {}, now W={} S={} {});"
            + " starting a new window sequence",
        device,
        storedSpec.windowSize(),
        storedSpec.stride(),
        storedSpec.channels(),
        model.windowSpec().windowSize(),
        model.windowSpec().stride(),
        model.windowSpec().channels());
    for (int i = 0; i < pending; i++) {
      windowDeadLetter(
          device,
          context.currentSystemTimeMs(),
          DeadLetterReason.MODEL_CHANGED,
          String.format(
              Locale.ROOT,
              "device '%s': pending window %d of %d was cut for a model with W=%d, S=%d, channels"
                  + " %s; model '%s' version %s expects W=%d, S=%d, channels %s, so it was not"
                  + " scored",
              device,
              i + 1,
              pending,
              storedSpec.windowSize(),
              storedSpec.stride(),
              storedSpec.channels(),
              model.ref().getId(),
              model.ref().getVersion(),
              model.windowSpec().windowSize(),
              model.windowSpec().stride(),
              model.windowSpec().channels()));
    }
  }

  private void stateLost(String device, String what, CorruptStateException e) {
    LOG.warn(
        "device {}: stored {} cannot be decoded; starting afresh: {}",
        device,
        what,
        e.getMessage());
    windowDeadLetter(
        device,
        context.currentSystemTimeMs(),
        DeadLetterReason.CORRUPT_STATE,
        "device '"
            + device
            + "': stored "
            + what
            + " cannot be decoded and was reset: "
            + e.getMessage());
  }

  /** Writes the frame records with a slot filled since the last write, then the head. */
  private void writeHead(DeviceState state) {
    WindowAssembler a = state.assembler();
    if (a.hasUnsavedFrames()) {
      String device = state.deviceId();
      a.saveFrames(
          DeviceRecords.SLOTS_PER_RECORD,
          (group, record) -> frames.put(DeviceRecords.framesKey(device, group), record));
    }
    heads.put(
        state.deviceId(),
        DeviceRecords.head(state.lastFrameWall, a.pendingCount(), a.encodeHead()));
  }

  private void writeDetector(DeviceState state) {
    DeviceDetector detector = state.detector();
    if (detector != null) {
      detectors.put(
          state.deviceId(),
          DeviceRecords.detector(modelKey, detector.isEpisodeOpen(), detector.toBytes()));
    }
  }

  /**
   * Wall-clock time comes from Kafka Streams (the punctuation and the context), not the JVM clock.
   */
  private void flushIfLingered(long nowMillis) {
    emitDeferred();
    // Idle: no frame for a linger, e.g. the thread waited in poll; scoring has nothing to overlap.
    boolean idle = nowMillis - lastRecordWallMillis >= settings.batchLingerMillis();
    engine.collect();
    if (engine.queued() > 0
        && nowMillis - oldestQueuedSinceMillis >= settings.batchLingerMillis()) {
      if (idle) {
        // Nothing to overlap with: score them now, so that they go out with the next commit.
        engine.flush();
      } else {
        // Overlapped: the lingering windows go to the scoring thread, judged at the next record
        // that finds the model done with them, or at the next punctuation.
        engine.handOver();
      }
    }
    queuedWindows.lazySet(waitingWindows());
  }

  /** Scores every queued window, one micro-batch at a time. */
  private void flush() {
    engine.flush();
    queuedWindows.lazySet(0);
  }

  /** The stream's side of the engine: detectors and policies from the stores, results forwarded. */
  private final class Host implements DetectionEngine.Host {
    @Override
    public DeviceDetector detector(DeviceSession session) {
      return loadDetector((DeviceState) session);
    }

    @Override
    public DetectionPolicy policy(DeviceSession session) {
      return policies.forDevice(session.deviceId());
    }

    @Override
    public void scored(DeviceSession session, ScoredWindow w) {
      DeviceState state = (DeviceState) session;
      long now = context.currentSystemTimeMs();
      state.lastWindowWall = now;
      Detection d = w.detection();
      if (w.policyChanged()) {
        metrics.policyChanged();
      }
      context.forward(
          new Record<>(state.deviceId(), OutputRecords.score(w, model.ref()), w.endTime()));
      if (outputs.denoised()) {
        context.forward(
            new Record<>(state.deviceId(), OutputRecords.denoised(w, model.ref()), w.endTime()));
      }
      if (outputs.embeddings()) {
        context.forward(
            new Record<>(state.deviceId(), OutputRecords.embedding(w, model.ref()), w.endTime()));
      }
      recentScores.put(state.deviceId(), RecentScores.encode(w), w.endTime());
      summaries.scored(w, state.detector(), state.lastFrameWall);
      summarized.add(state.deviceId());
      feed.window(w);
      if (d.event().isPresent()) {
        EpisodeEvent e = d.event().get();
        emit(state, e, new PolicyRef(d.policyId(), d.policyVersion()), null, w.endTime());
        if (e.kind() == EpisodeEventKind.OPEN) {
          openEpisodes.incrementAndGet();
        } else if (e.kind() == EpisodeEventKind.CLOSE) {
          openEpisodes.decrementAndGet();
        }
      }
      metrics.emitted(w.endTime(), now);
    }

    @Override
    public void failed(
        DeviceSession session, WindowRef window, WindowFailure failure, String message) {
      ((DeviceState) session).lastWindowWall = context.currentSystemTimeMs();
      LOG.warn(message);
      windowDeadLetter(session.deviceId(), window.endTime(), reason(failure), message);
    }

    @Override
    public void batchScored(int count, long nanos) {
      metrics.batch(count, nanos);
    }

    @Override
    public void scoringWaited(long nanos) {
      metrics.inferenceWaited(nanos);
    }

    @Override
    public void batchSplit(int count, RuntimeException cause) {
      LOG.warn(
          "a micro-batch of {} windows failed to score ({}); splitting it",
          count,
          cause.toString());
    }

    @Override
    public void batchDone(List<DeviceSession> touched) {
      oldestQueuedSinceMillis = context.currentSystemTimeMs();
      for (DeviceSession session : touched) {
        DeviceState state = (DeviceState) session;
        // The head (its pending list) and the detector changed.
        changed(state, true, true);
      }
    }
  }

  private static DeadLetterReason reason(WindowFailure failure) {
    return DeadLetterReason.valueOf(failure.deadLetterReason());
  }

  private void emit(
      DeviceState state, EpisodeEvent e, PolicyRef policy, CloseReason silent, long timestamp) {
    CloseReason reason =
        e.kind() == EpisodeEventKind.CLOSE
            ? (silent != null ? silent : CloseReason.RECOVERED)
            : null;
    AnomalyEvent event = OutputRecords.event(e, model.ref(), policy, reason);
    context.forward(new Record<>(state.deviceId(), event, timestamp));
    episodes.put(e.episodeId(), VigilSerdes.anomalyEvent().encode(event));
    feed.event(event);
    metrics.event(event);
  }

  /**
   * Loads the device's detector, or starts one when there is none, it is corrupt, or it learned
   * from another model's scores (which are not comparable).
   */
  private DeviceDetector loadDetector(DeviceState state) {
    byte[] stored = detectors.get(state.deviceId());
    if (stored != null) {
      try {
        DeviceRecords.Detector record = DeviceRecords.detector(stored);
        if (learnedFromThisModel(record.modelKey())) {
          DeviceDetector detector = DeviceDetector.fromBytes(record.state());
          if (detector.isEpisodeOpen()) {
            openEpisodes.incrementAndGet();
          }
          return detector;
        }
        LOG.info(
            "device {}: the model changed; its threshold and episode state start afresh",
            state.deviceId());
      } catch (RuntimeException e) {
        stateLost(
            state.deviceId(),
            "detector state",
            e instanceof CorruptStateException c ? c : new CorruptStateException(e.toString(), e));
      }
    }
    return new DeviceDetector(state.deviceId(), policies.forDevice(state.deviceId()));
  }

  private boolean learnedFromThisModel(byte[] storedKey) {
    return Arrays.equals(storedKey, modelKey) || Arrays.equals(storedKey, legacyModelKey);
  }

  /**
   * Housekeeping on the wall clock: closes the open episodes of devices that sent no window for the
   * idle time, and deletes the state of devices silent for the device TTL.
   */
  private void maintain(long now) {
    engine.collect();
    for (DeviceState state : devices.values()) {
      DeviceDetector detector = state.detector();
      if (detector != null
          && detector.isEpisodeOpen()
          && now - state.lastWindowWall >= settings.idleCloseMillis()) {
        Optional<EpisodeEvent> close = detector.closeSilent();
        if (close.isPresent()) {
          EpisodeEvent e = close.get();
          LOG.info(
              "device {}: episode {} closed: no window for {} ms (vigil.detection.idle-close.ms)",
              state.deviceId(),
              e.episodeId(),
              now - state.lastWindowWall);
          emit(
              state,
              e,
              new PolicyRef(detector.policy().policyId(), detector.policy().version()),
              CloseReason.SILENT,
              e.eventTime());
          openEpisodes.decrementAndGet();
          metrics.episodeClosedSilent();
          summaries.updated(state.deviceId(), detector, state.lastFrameWall);
          detectors.put(
              state.deviceId(), DeviceRecords.detector(modelKey, false, detector.toBytes()));
        }
      }
    }
    long sweepEvery = Math.max(60_000, settings.deviceTtlMillis() / 24);
    if (now - lastSweepMillis >= sweepEvery) {
      lastSweepMillis = now;
      expireSilentDevices(now);
      expireClosedEpisodes(now);
    }
  }

  private void expireSilentDevices(long now) {
    List<KeyValue<String, byte[]>> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = heads.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        long last;
        try {
          last = DeviceRecords.lastFrameWall(kv.value);
        } catch (CorruptStateException e) {
          last = Long.MIN_VALUE;
        }
        if (now - last >= settings.deviceTtlMillis()) {
          expired.add(kv);
        }
      }
    }
    if (expired.isEmpty()) {
      return;
    }
    flush();
    for (KeyValue<String, byte[]> kv : expired) {
      String device = kv.key;
      WindowSpec shape = model.windowSpec();
      try {
        shape = WindowAssembler.specOf(DeviceRecords.assemblerHead(kv.value));
      } catch (CorruptStateException e) {
        // delete the current shape's slots
      }
      deleteFrames(device, shape);
      heads.delete(device);
      detectors.delete(device);
      DeviceState state = devices.remove(device);
      if (state != null && changed.remove(state)) {
        state.headChanged = false;
        state.detectorChanged = false;
      }
      if (state != null && state.detector() != null && state.detector().isEpisodeOpen()) {
        openEpisodes.decrementAndGet();
      }
      metrics.deviceExpired();
      summaries.removeAll(List.of(device));
      summarized.remove(device);
      LOG.info(
          "device {}: state deleted after {} ms without a frame (vigil.state.device-ttl)",
          device,
          settings.deviceTtlMillis());
    }
  }

  /** Deletes closed episodes that ended more than {@link #EPISODE_KEEP_MILLIS} ago. */
  private void expireClosedEpisodes(long now) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = episodes.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        try {
          AnomalyEvent e = VigilSerdes.anomalyEvent().decode(kv.value);
          if (e.getEndTime() != null && now - e.getEndTime().toEpochMilli() > EPISODE_KEEP_MILLIS) {
            old.add(kv.key);
          }
        } catch (RuntimeException e) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(episodes::delete);
  }

  /**
   * Deletes the records a device's frames were stored in under {@code shape}, in both layouts. Only
   * keys that hold a record are deleted: a delete writes a tombstone to the changelog whether or
   * not the key exists, and a device has at most a few of the keys the two layouts could use (one
   * record per 8 slots, and the earlier layout's one per slot only from before the upgrade).
   */
  private void deleteFrames(String device, WindowSpec shape) {
    int slots = shape.ringCapacity();
    for (int group = 0; group * DeviceRecords.SLOTS_PER_RECORD < slots; group++) {
      deleteIfPresent(DeviceRecords.framesKey(device, group));
    }
    for (int slot = 0; slot < slots; slot++) {
      deleteIfPresent(DeviceRecords.legacyFrameKey(device, slot));
    }
  }

  private void deleteIfPresent(Bytes key) {
    if (frames.get(key) != null) {
      frames.delete(key);
    }
  }

  private void emitDeferred() {
    if (!deferred.isEmpty()) {
      List<Runnable> pendingForwards = new ArrayList<>(deferred);
      deferred.clear();
      pendingForwards.forEach(Runnable::run);
    }
  }

  private void windowDeadLetter(
      String device, long timestamp, DeadLetterReason reason, String message) {
    if (initializing) {
      deferred.add(() -> windowDeadLetter(device, timestamp, reason, message));
      return;
    }
    DeadLetters.forwardUnsourced(
        context,
        metrics,
        timestamp,
        device.getBytes(StandardCharsets.UTF_8),
        reason,
        message,
        device);
  }

  private void deadLetter(
      Record<String, TelemetryFrame> record, DeadLetterReason reason, String message) {
    // The frame was decoded upstream; its Avro encoding keeps the dead letter complete.
    byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
    byte[] value = VigilSerdes.frame().encode(record.value());
    DeadLetters.forward(
        context, metrics, record.timestamp(), key, value, reason, message, record.key());
  }
}
