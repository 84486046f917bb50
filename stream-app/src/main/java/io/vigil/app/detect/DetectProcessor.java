package io.vigil.app.detect;

import io.vigil.app.ingest.DeadLetters;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.policy.PolicyResolver;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.window.AssemblyEvent;
import io.vigil.core.window.AssemblyResult;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.Window;
import io.vigil.core.window.WindowAssembler;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.WindowBatchScorer;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection stage for the devices of one stream task. Frames (keyed by device) are assembled
 * into windows; each window is put in the pending store, keyed by a task-local sequence number so
 * that windows are scored in arrival order; the pending windows are scored as one micro-batch when
 * there are {@code maxBatchSize} of them or, on a wall-clock punctuation, when the oldest has
 * waited the configured linger. Every store has a changelog, so after a crash (even with the local
 * state wiped) the task resumes with exactly the windows that were pending at its last commit.
 *
 * <p>Outputs, all to the single downstream node, told apart by type: {@code WindowScore}, {@code
 * AnomalyEvent} and {@code DeadLetter} (LATE and UNKNOWN_CHANNEL).
 */
public final class DetectProcessor implements Processor<String, TelemetryFrame, String, Object> {
  /** Store names. */
  public static final String ASSEMBLERS = "window-assemblers";

  public static final String DETECTORS = "device-detectors";
  public static final String PENDING = "pending-windows";

  private static final Logger LOG = LoggerFactory.getLogger(DetectProcessor.class);

  private final ScoringModel model;
  private final VigilMetrics metrics;
  private final long lingerMillis;
  private final String policyStore;
  private final byte[] modelKey;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> assemblers;
  private KeyValueStore<String, byte[]> detectors;
  private KeyValueStore<Long, byte[]> pending;
  private PolicyResolver policies;
  private WindowBatchScorer scorer;
  private int pendingCount;
  private long nextSequence;
  private long oldestPendingSinceMillis;

  public DetectProcessor(
      ScoringModel model, VigilMetrics metrics, long lingerMillis, String policyStore) {
    this.model = model;
    this.metrics = metrics;
    this.lingerMillis = lingerMillis;
    this.policyStore = policyStore;
    this.modelKey =
        (model.ref().getId() + "@" + model.ref().getVersion()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.assemblers = context.getStateStore(ASSEMBLERS);
    this.detectors = context.getStateStore(DETECTORS);
    this.pending = context.getStateStore(PENDING);
    KeyValueStore<String, ThresholdPolicy> active = context.getStateStore(policyStore);
    this.policies =
        new PolicyResolver(
            active,
            model.metadata().suggestedThreshold(),
            model.metadata().window(),
            model.metadata().stride());
    this.scorer = model.onnx().newScorer();
    try (KeyValueIterator<Long, byte[]> it = pending.all()) {
      while (it.hasNext()) {
        long key = it.next().key;
        pendingCount++;
        nextSequence = Math.max(nextSequence, key + 1);
      }
    }
    oldestPendingSinceMillis = context.currentSystemTimeMs();
    context.schedule(
        Duration.ofMillis(lingerMillis), PunctuationType.WALL_CLOCK_TIME, this::flushIfLingered);
  }

  @Override
  public void process(Record<String, TelemetryFrame> record) {
    TelemetryFrame frame = record.value();
    String device = record.key();
    List<String> features = model.featureList();
    for (String channel : frame.getChannels().keySet()) {
      if (!model.knows(channel)) {
        deadLetter(
            record,
            DeadLetterReason.UNKNOWN_CHANNEL,
            String.format(
                Locale.ROOT,
                "frame of device '%s' at %s has channel '%s', which model '%s' does not know; expected channels among %s",
                device,
                frame.getEventTime(),
                channel,
                model.ref().getId(),
                features));
        return;
      }
    }
    double[] values = new double[features.size()];
    for (int f = 0; f < values.length; f++) {
      Double v = frame.getChannels().get(features.get(f));
      values[f] = v == null ? Double.NaN : v;
    }
    WindowAssembler assembler = assembler(device);
    AssemblyResult result = assembler.offer(Frame.of(frame.getEventTime().toEpochMilli(), values));
    if (result.outcome() instanceof FrameOutcome.Late late) {
      deadLetter(
          record, DeadLetterReason.LATE, "frame of device '" + device + "': " + late.message());
    } else {
      metrics.frameAccepted();
    }
    for (AssemblyEvent event : result.events()) {
      if (event instanceof AssemblyEvent.WindowReady ready) {
        enqueue(device, ready.window());
      } else if (event instanceof AssemblyEvent.WindowSkipped skipped) {
        metrics.windowSkipped();
        LOG.debug("device {}: window not scored: {}", device, skipped.message());
      } else if (event instanceof AssemblyEvent.SequenceRestarted restarted) {
        LOG.info("device {}: {}", device, restarted.message());
      }
    }
    assemblers.put(device, assembler.toBytes());
    if (pendingCount >= scorer.maxBatchSize()) {
      flush();
    }
  }

  private WindowAssembler assembler(String device) {
    byte[] stored = assemblers.get(device);
    if (stored != null) {
      WindowAssembler restored = WindowAssembler.fromBytes(stored);
      if (restored.spec().equals(model.windowSpec())) {
        return restored;
      }
      LOG.info("device {}: window shape changed with the model; starting a new window", device);
    }
    return new WindowAssembler(model.windowSpec());
  }

  private void enqueue(String device, Window window) {
    float[][] rows = window.toArray();
    int f = model.featureList().size();
    float[] flat = new float[rows.length * f];
    for (int t = 0; t < rows.length; t++) {
      System.arraycopy(rows[t], 0, flat, t * f, f);
    }
    if (pendingCount == 0) {
      oldestPendingSinceMillis = context.currentSystemTimeMs();
    }
    pending.put(
        nextSequence++,
        new PendingWindow(device, window.startTime(), window.endTime(), flat).toBytes());
    pendingCount++;
  }

  /**
   * Wall-clock time comes from Kafka Streams (the punctuation and the context), not the JVM clock.
   */
  private void flushIfLingered(long nowMillis) {
    if (pendingCount > 0 && nowMillis - oldestPendingSinceMillis >= lingerMillis) {
      flush();
    }
  }

  private void flush() {
    List<KeyValue<Long, PendingWindow>> batch = new ArrayList<>(pendingCount);
    try (KeyValueIterator<Long, byte[]> it = pending.all()) {
      while (it.hasNext() && batch.size() < scorer.maxBatchSize()) {
        KeyValue<Long, byte[]> kv = it.next();
        batch.add(KeyValue.pair(kv.key, PendingWindow.fromBytes(kv.value)));
      }
    }
    if (batch.isEmpty()) {
      pendingCount = 0;
      return;
    }
    int size = model.metadata().window() * model.featureList().size();
    float[] input = new float[batch.size() * size];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(batch.get(i).value.values(), 0, input, i * size, size);
    }
    long start = System.nanoTime();
    BatchScores scores = scorer.score(input, batch.size(), false);
    metrics.batch(batch.size(), System.nanoTime() - start);

    Map<String, DeviceDetector> touched = new HashMap<>();
    long now = context.currentSystemTimeMs();
    for (int i = 0; i < batch.size(); i++) {
      PendingWindow w = batch.get(i).value;
      DeviceDetector detector = touched.computeIfAbsent(w.deviceId(), this::detector);
      DetectionPolicy policy = policies.forDevice(w.deviceId());
      if (!sameVersion(policy, detector.policy())) {
        detector.replacePolicy(policy);
        metrics.policyChanged();
      }
      float[] channelScores = scores.channelScores(i);
      double[] channels = new double[channelScores.length];
      for (int f = 0; f < channels.length; f++) {
        channels[f] = channelScores[f];
      }
      Detection d =
          detector.onScore(
              w.endTime(), scores.score(i), ChannelScores.of(model.featureList(), channels));
      context.forward(
          new Record<>(
              w.deviceId(),
              Outputs.score(w, d, model.featureList(), channelScores, model.ref()),
              w.endTime()));
      d.event()
          .ifPresent(
              e -> {
                if (e.kind() == EpisodeEventKind.OPEN) {
                  metrics.episodeOpened();
                } else if (e.kind() == EpisodeEventKind.CLOSE) {
                  metrics.episodeClosed();
                }
                PolicyRef ref = new PolicyRef(d.policyId(), d.policyVersion());
                context.forward(
                    new Record<>(w.deviceId(), Outputs.event(e, model.ref(), ref), w.endTime()));
              });
      metrics.emitted(w.endTime(), now);
      pending.delete(batch.get(i).key);
    }
    touched.forEach((device, detector) -> detectors.put(device, withModelKey(detector)));
    pendingCount -= batch.size();
    oldestPendingSinceMillis = now;
  }

  private static boolean sameVersion(DetectionPolicy a, DetectionPolicy b) {
    return a.policyId().equals(b.policyId()) && a.version() == b.version();
  }

  /**
   * The device's detector, or a new one when there is none or it learned from another model's
   * scores (which are not comparable).
   */
  private DeviceDetector detector(String device) {
    byte[] stored = detectors.get(device);
    if (stored != null) {
      ByteBuffer b = ByteBuffer.wrap(stored);
      byte[] ref = new byte[b.getInt()];
      b.get(ref);
      if (Arrays.equals(ref, modelKey)) {
        byte[] state = new byte[b.remaining()];
        b.get(state);
        return DeviceDetector.fromBytes(state);
      }
      LOG.info(
          "device {}: the model changed; its threshold and episode state start afresh", device);
    }
    return new DeviceDetector(device, policies.forDevice(device));
  }

  private byte[] withModelKey(DeviceDetector detector) {
    byte[] state = detector.toBytes();
    return ByteBuffer.allocate(4 + modelKey.length + state.length)
        .putInt(modelKey.length)
        .put(modelKey)
        .put(state)
        .array();
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
