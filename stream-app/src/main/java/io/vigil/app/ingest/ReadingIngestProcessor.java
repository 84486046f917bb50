package io.vigil.app.ingest;

import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.serde.MalformedRecordException;
import io.vigil.schemas.serde.VigilSerdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes narrow readings from raw bytes and keys them by device; a malformed record becomes a dead
 * letter, and so does a device id, value or timestamp that {@link ValueChecks} refuses (NaN
 * included: only null means "no reading"). Readings are always repartitioned by device before
 * alignment, whatever their key.
 */
public final class ReadingIngestProcessor implements Processor<byte[], byte[], String, Object> {
  private final VigilMetrics metrics;
  private final ValueChecks checks;
  private ProcessorContext<String, Object> context;

  public ReadingIngestProcessor(VigilMetrics metrics, ValueChecks checks) {
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
    String problem;
    try {
      SensorReading reading = VigilSerdes.reading().deserialize(topic, record.value());
      ValueChecks.Refusal badId =
          reading == null ? null : ValueChecks.deviceId(reading.getDeviceId());
      if (reading != null && badId == null) {
        ValueChecks.Refusal refused =
            ValueChecks.channel(
                reading.getDeviceId(),
                reading.getEventTime(),
                reading.getSensor(),
                reading.getValue());
        if (refused == null) {
          refused =
              checks.eventTime(
                  reading.getDeviceId(), reading.getEventTime(), context.currentSystemTimeMs());
        }
        if (refused != null) {
          // NaN too: the aligner would take it for "no reading", as it does null.
          deadLetter(
              record, refused.reason(), "reading of " + refused.message(), reading.getDeviceId());
          return;
        }
        context.forward(
            new Record<>(reading.getDeviceId(), reading, reading.getEventTime().toEpochMilli()));
        return;
      }
      problem =
          reading == null
              ? "record from topic '" + topic + "' has no value; expected a sensor reading"
              : "reading " + badId.message();
    } catch (MalformedRecordException e) {
      problem = e.getMessage();
    }
    deadLetter(record, DeadLetterReason.MALFORMED, problem, null);
  }

  private void deadLetter(
      Record<byte[], byte[]> record, DeadLetterReason reason, String message, String deviceId) {
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
