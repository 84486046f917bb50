package io.vigil.app.ingest;

import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead-letter records from the record being processed. */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * A dead letter for the record at {@code metadata} (absent when the record was produced by a
   * punctuation rather than read from a topic).
   */
  public static DeadLetter of(
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
