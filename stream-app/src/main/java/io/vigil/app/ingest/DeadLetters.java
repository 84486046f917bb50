package io.vigil.app.ingest;

import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead letters from the record being processed: every processor refuses a record through {@link
 * #forward}, which counts it by reason, keeps the raw bytes and the source position, and sends it
 * downstream to the dead-letter sink.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * Counts a refused record and forwards its dead letter (keyed by device when known), at the
   * refused record's timestamp.
   */
  public static void forward(
      ProcessorContext<String, Object> context,
      VigilMetrics metrics,
      long timestamp,
      byte[] rawKey,
      byte[] rawValue,
      DeadLetterReason reason,
      String message,
      String deviceId) {
    metrics.deadLetter(reason);
    DeadLetter letter =
        of(context.recordMetadata(), timestamp, rawKey, rawValue, reason, message, deviceId);
    context.forward(new Record<String, Object>(deviceId, letter, timestamp));
  }

  /**
   * Counts and forwards a dead letter that no single input record caused (a window, a device's
   * state): it names no source position, whatever record is being processed.
   */
  public static void forwardUnsourced(
      ProcessorContext<String, Object> context,
      VigilMetrics metrics,
      long timestamp,
      byte[] rawKey,
      DeadLetterReason reason,
      String message,
      String deviceId) {
    metrics.deadLetter(reason);
    DeadLetter letter = of(Optional.empty(), timestamp, rawKey, null, reason, message, deviceId);
    context.forward(new Record<String, Object>(deviceId, letter, timestamp));
  }

  /**
   * A dead letter for the record at {@code metadata} (absent when the record was produced by a
   * punctuation rather than read from a topic).
   */
  static DeadLetter of(
      Optional<RecordMetadata> metadata,
      long recordTimestamp,
      byte[] rawKey,
      byte[] rawValue,
      DeadLetterReason reason,
      String message,
      String deviceId) {
    return DeadLetter.newBuilder()
        .setSourceTopic(metadata.map(RecordMetadata::topic).orElse(""))
        .setSourcePartition(metadata.map(RecordMetadata::partition).orElse(-1))
        .setSourceOffset(metadata.map(RecordMetadata::offset).orElse(-1L))
        .setRecordTimestamp(Instant.ofEpochMilli(recordTimestamp))
        .setRawKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
        .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
        .setErrorKind(reason)
        .setErrorMessage(message)
        .setDeviceId(deviceId)
        .build();
  }
}
