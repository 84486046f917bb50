package io.vigil.app.ingest;

import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
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
  /**
   * The raw key and value are kept while together at most this many bytes: Kafka's default {@code
   * max.request.size} (1 MiB) less 16 KiB for the rest of the dead letter (the message is cut to
   * {@link #MAX_MESSAGE_CHARS}, device ids to {@link ValueChecks#MAX_DEVICE_ID_LENGTH}). A dead
   * letter too large to be written would stop the task on the record that caused it, again after
   * every restart. A larger record's value (and, if still too large, its key) is left out and the
   * message says so; the source position still finds the record.
   */
  public static final int MAX_RAW_BYTES = (1 << 20) - (16 << 10);

  /** Messages are cut to this many characters: the names they quote can be as long as a record. */
  public static final int MAX_MESSAGE_CHARS = 2000;

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
    return letter(
        metadata.map(RecordMetadata::topic).orElse(""),
        metadata.map(RecordMetadata::partition).orElse(-1),
        metadata.map(RecordMetadata::offset).orElse(-1L),
        Instant.ofEpochMilli(recordTimestamp),
        rawKey,
        rawValue,
        reason,
        message,
        deviceId);
  }

  /**
   * A dead letter for the record at {@code topic}-{@code partition}@{@code offset} ({@code ""}, -1,
   * -1 when none), its message cut to {@link #MAX_MESSAGE_CHARS} and its raw bytes kept within
   * {@link #MAX_RAW_BYTES}.
   */
  public static DeadLetter letter(
      String topic,
      int partition,
      long offset,
      Instant recordTimestamp,
      byte[] rawKey,
      byte[] rawValue,
      DeadLetterReason reason,
      String message,
      String deviceId) {
    String text =
        message.length() <= MAX_MESSAGE_CHARS
            ? message
            : message.substring(0, MAX_MESSAGE_CHARS) + "... (" + message.length() + " characters)";
    byte[] key = rawKey;
    byte[] value = rawValue;
    if (size(key) + size(value) > MAX_RAW_BYTES) {
      text += "; " + leftOut("value", value, topic, partition, offset);
      value = null;
      if (size(key) > MAX_RAW_BYTES) {
        text += "; " + leftOut("key", key, topic, partition, offset);
        key = null;
      }
    }
    return DeadLetter.newBuilder()
        .setSourceTopic(topic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setRecordTimestamp(recordTimestamp)
        .setRawKey(key == null ? null : ByteBuffer.wrap(key))
        .setRawValue(value == null ? null : ByteBuffer.wrap(value))
        .setErrorKind(reason)
        .setErrorMessage(text)
        .setDeviceId(deviceId)
        .build();
  }

  private static int size(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static String leftOut(
      String what, byte[] bytes, String topic, int partition, long offset) {
    return String.format(
        Locale.ROOT,
        "raw %s of %d bytes left out (a dead letter keeps at most %d raw bytes); the record is"
            + " at %s-%d offset %d",
        what,
        bytes.length,
        MAX_RAW_BYTES,
        topic,
        partition,
        offset);
  }
}
