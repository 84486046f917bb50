package io.vigil.app.errors;

import io.vigil.app.ingest.DeadLetters;
import io.vigil.app.ingest.MisKeyedFrame;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for a record whose processing threw ({@code processing.exception.handler},
 * KIP-1033 and KIP-1034): it becomes Vigil's own {@link DeadLetter} with reason {@code
 * PROCESSING_FAILED} (source topic, partition and offset, the raw key and value as read, and a
 * message naming the processor node, the task and the exception), written to the dead-letter topic
 * in the task's transaction, counted, logged in one WARN line, and processing resumes.
 *
 * <p>Every processor refuses bad input itself, with a precise reason; a record that gets here is an
 * input nobody foresaw or a bug, and without this handler it would kill the stream thread, whose
 * replacement would meet the same record again.
 *
 * <p>Kafka Streams creates the handler from its class name, so the dead-letter topic and the
 * metrics come through the streams configuration: {@link #streamsProperties} puts them there, and
 * {@link #configure} finds them in the originals it is given.
 */
public final class ProcessingFailureHandler implements ProcessingExceptionHandler {
  /** Streams configuration key of the dead-letter topic's name (a String). */
  public static final String DEAD_LETTER_TOPIC_CONFIG = "vigil.errors.dead-letter-topic";

  /** Streams configuration key of the {@link VigilMetrics} instance to count in. */
  public static final String METRICS_CONFIG = "vigil.errors.metrics";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailureHandler.class);

  /** Exception messages can be anything; the dead letter keeps this many characters of one. */
  private static final int MAX_CAUSE_CHARS = 1000;

  private String topic;
  private VigilMetrics metrics;

  /**
   * The streams properties that install this handler, writing to {@code deadLetterTopic} and
   * counting in {@code metrics}.
   */
  public static Map<String, Object> streamsProperties(
      String deadLetterTopic, VigilMetrics metrics) {
    return Map.of(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        ProcessingFailureHandler.class,
        DEAD_LETTER_TOPIC_CONFIG,
        deadLetterTopic,
        METRICS_CONFIG,
        metrics);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object t = configs.get(DEAD_LETTER_TOPIC_CONFIG);
    if (!(t instanceof String name) || name.isBlank()) {
      throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, t, "the dead-letter topic's name");
    }
    Object m = configs.get(METRICS_CONFIG);
    if (!(m instanceof VigilMetrics vigilMetrics)) {
      throw new ConfigException(
          METRICS_CONFIG, m, "the application's VigilMetrics instance (put as an object)");
    }
    this.topic = name;
    this.metrics = vigilMetrics;
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String device = deviceOf(record);
    String message =
        String.format(
            Locale.ROOT,
            "processing failed in processor node '%s' of task %s: %s",
            context.processorNodeId(),
            context.taskId(),
            abbreviate(String.valueOf(exception)));
    long timestamp = context.timestamp();
    DeadLetter letter =
        DeadLetters.letter(
            context.topic() == null ? "" : context.topic(),
            context.partition(),
            context.offset(),
            timestamp >= 0 ? Instant.ofEpochMilli(timestamp) : null,
            context.sourceRawKey(),
            context.sourceRawValue(),
            DeadLetterReason.PROCESSING_FAILED,
            message,
            device);
    metrics.deadLetter(DeadLetterReason.PROCESSING_FAILED);
    LOG.warn(
        "{} ({}); dead-lettered as PROCESSING_FAILED to '{}', resuming",
        message,
        context.topic() == null
            ? "no source record: a punctuation"
            : "record " + context.topic() + "-" + context.partition() + "@" + context.offset(),
        topic);
    LOG.debug("the exception behind the PROCESSING_FAILED dead letter", exception);
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                topic,
                null,
                timestamp >= 0 ? timestamp : null,
                device == null ? null : device.getBytes(StandardCharsets.UTF_8),
                VigilSerdes.deadLetter().encode(letter))));
  }

  /** The device of a record Vigil has decoded, when the failure came after decoding. */
  private static String deviceOf(Record<?, ?> record) {
    if (record == null) {
      return null;
    }
    Object value = record.value();
    if (value instanceof TelemetryFrame frame) {
      return frame.getDeviceId();
    }
    if (value instanceof MisKeyedFrame misKeyed) {
      return misKeyed.frame().getDeviceId();
    }
    if (value instanceof SensorReading reading) {
      return reading.getDeviceId();
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_CAUSE_CHARS
        ? text
        : text.substring(0, MAX_CAUSE_CHARS) + "... (" + text.length() + " characters)";
  }
}
