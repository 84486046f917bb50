package io.vigil.app.ingest;

import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes frames from raw bytes, so that a malformed record becomes a dead letter instead of
 * stopping the application, refuses values and timestamps that {@link ValueChecks} refuses, and
 * keys every frame by its device. Forwards a {@link TelemetryFrame} when the record was already
 * keyed by its device (so it is in the right partition), a {@link MisKeyedFrame} when it must be
 * repartitioned first, and a {@code DeadLetter} otherwise.
 */
public final class FrameIngestProcessor implements Processor<byte[], byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(FrameIngestProcessor.class);

  private final Deserializer<TelemetryFrame> deserializer;
  private final VigilMetrics metrics;
  private final ValueChecks checks;
  private ProcessorContext<String, Object> context;

  public FrameIngestProcessor(
      Deserializer<TelemetryFrame> deserializer, VigilMetrics metrics, ValueChecks checks) {
    this.deserializer = deserializer;
    this.metrics = metrics;
    this.checks = checks;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    TelemetryFrame frame;
    try {
      frame = deserializer.deserialize(topic, record.value());
    } catch (MalformedRecordException e) {
      deadLetter(record, DeadLetterReason.MALFORMED, e.getMessage(), null);
      return;
    }
    if (frame == null) {
      deadLetter(
          record,
          DeadLetterReason.MALFORMED,
          "record from topic '" + topic + "' has no value; expected a telemetry frame",
          null);
      return;
    }
    ValueChecks.Refusal badId = ValueChecks.deviceId(frame.getDeviceId());
    if (badId != null) {
      deadLetter(record, badId.reason(), "frame " + badId.message(), null);
      return;
    }
    if (frame.getChannels().isEmpty()) {
      deadLetter(
          record,
          DeadLetterReason.MALFORMED,
          "frame of device '"
              + frame.getDeviceId()
              + "' at "
              + frame.getEventTime()
              + " has no channels; expected at least one (null for a sensor with no reading)",
          frame.getDeviceId());
      return;
    }
    for (Map.Entry<String, Double> channel : frame.getChannels().entrySet()) {
      ValueChecks.Refusal refused =
          ValueChecks.channel(
              frame.getDeviceId(), frame.getEventTime(), channel.getKey(), channel.getValue());
      if (refused != null) {
        deadLetter(record, refused.reason(), "frame of " + refused.message(), frame.getDeviceId());
        return;
      }
    }
    ValueChecks.Refusal future =
        checks.eventTime(frame.getDeviceId(), frame.getEventTime(), context.currentSystemTimeMs());
    if (future != null) {
      deadLetter(record, future.reason(), "frame of " + future.message(), frame.getDeviceId());
      return;
    }
    String device = frame.getDeviceId();
    boolean keyedByDevice =
        record.key() != null
            && Arrays.equals(record.key(), device.getBytes(StandardCharsets.UTF_8));
    Object out = keyedByDevice ? frame : new MisKeyedFrame(frame);
    context.forward(new Record<>(device, out, frame.getEventTime().toEpochMilli()));
  }

  private void deadLetter(
      Record<byte[], byte[]> record, DeadLetterReason reason, String message, String deviceId) {
    LOG.debug("dead letter {}: {}", reason, message);
    DeadLetters.forward(
        context,
        metrics,
        record.timestamp(),
        record.key(),
        record.value(),
        reason,
        message,
        deviceId);
  }
}
