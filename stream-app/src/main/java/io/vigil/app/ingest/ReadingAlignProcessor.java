package io.vigil.app.ingest;

import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.topology.StoreOffsets;
import io.vigil.core.window.AlignResult;
import io.vigil.core.window.AlignmentSpec;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameAligner;
import io.vigil.core.window.ReadingOutcome;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Aligns one device's narrow readings into frames on the configured step (core's {@link
 * FrameAligner}, state in a changelogged store) and forwards them as {@link TelemetryFrame}s, so
 * that readings and frames meet the same detection stage. A refused reading (late, misaligned,
 * unknown sensor, non-finite) becomes a dead letter with the aligner's message.
 */
public final class ReadingAlignProcessor
    implements Processor<String, SensorReading, String, Object> {
  /** The store of per-device aligners. */
  public static final String ALIGNERS = "reading-aligners";

  private final AlignmentSpec spec;
  private final VigilMetrics metrics;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> aligners;

  public ReadingAlignProcessor(AlignmentSpec spec, VigilMetrics metrics) {
    this.spec = spec;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.aligners = context.getStateStore(ALIGNERS);
    StoreOffsets.markOnce(context, Map.of(ALIGNERS, StoreOffsets.MARK));
  }

  @Override
  public void process(Record<String, SensorReading> record) {
    SensorReading reading = record.value();
    String device = record.key();
    byte[] stored = aligners.get(device);
    FrameAligner aligner = stored == null ? new FrameAligner(spec) : FrameAligner.fromBytes(stored);
    if (!aligner.spec().equals(spec)) {
      aligner = new FrameAligner(spec);
    }
    AlignResult result =
        aligner.offer(
            reading.getSensor(), reading.getEventTime().toEpochMilli(), reading.getValue());
    if (result.outcome() instanceof ReadingOutcome.Rejected rejected) {
      DeadLetters.forward(
          context,
          metrics,
          record.timestamp(),
          device.getBytes(StandardCharsets.UTF_8),
          VigilSerdes.reading().encode(reading),
          reason(rejected.reason()),
          "reading of device '" + device + "': " + rejected.message(),
          device);
    }
    for (Frame frame : result.frames()) {
      context.forward(new Record<String, Object>(device, toRecord(device, frame), frame.time()));
    }
    aligners.put(device, aligner.toBytes());
  }

  private TelemetryFrame toRecord(String device, Frame frame) {
    List<String> channels = spec.channels();
    Map<String, Double> values = new HashMap<>();
    for (int c = 0; c < channels.size(); c++) {
      if (!frame.isMissing(c)) {
        values.put(channels.get(c), frame.value(c));
      }
    }
    return TelemetryFrame.newBuilder()
        .setDeviceId(device)
        .setEventTime(Instant.ofEpochMilli(frame.time()))
        .setChannels(values)
        .setSource("aligned readings")
        .build();
  }

  private static DeadLetterReason reason(ReadingOutcome.Reason reason) {
    return switch (reason) {
      case UNKNOWN_CHANNEL -> DeadLetterReason.UNKNOWN_CHANNEL;
      case NON_FINITE_VALUE -> DeadLetterReason.NON_FINITE_VALUE;
      case MISALIGNED -> DeadLetterReason.MISALIGNED;
      case LATE -> DeadLetterReason.LATE;
    };
  }
}
