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
 * letter. Readings are always repartitioned by device before alignment, whatever their key.
 */
public final class ReadingIngestProcessor implements Processor<byte[], byte[], String, Object> {
  private final VigilMetrics metrics;
  private ProcessorContext<String, Object> context;

  public ReadingIngestProcessor(VigilMetrics metrics) {
    this.metrics = metrics;
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
      if (reading != null && !reading.getDeviceId().isBlank()) {
        context.forward(
            new Record<>(reading.getDeviceId(), reading, reading.getEventTime().toEpochMilli()));
        return;
      }
      problem =
          reading == null
              ? "record from topic '" + topic + "' has no value; expected a sensor reading"
              : "reading has an empty deviceId";
    } catch (MalformedRecordException e) {
      problem = e.getMessage();
    }
    DeadLetters.forward(
        context,
        metrics,
        record.timestamp(),
        record.key(),
        record.value(),
        DeadLetterReason.MALFORMED,
        problem,
        null);
  }
}
