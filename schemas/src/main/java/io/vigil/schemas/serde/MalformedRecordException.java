package io.vigil.schemas.serde;

import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Raised when bytes from a topic cannot be turned into a record. It extends Kafka's {@link
 * SerializationException} so that Kafka's deserialization handlers recognise it, and carries a
 * {@link Problem} so that callers can count and route it without parsing the message.
 */
public final class MalformedRecordException extends SerializationException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the bytes. */
  public enum Problem {
    /** Fewer bytes than the single-object header needs. */
    TOO_SHORT,
    /** The first two bytes are not Avro's single-object marker. */
    BAD_HEADER,
    /** The header names a schema fingerprint this build does not know. */
    UNKNOWN_SCHEMA,
    /** The payload does not decode with the schema its header names. */
    CORRUPT_PAYLOAD,
    /** Not a JSON document, or not a JSON object. */
    INVALID_JSON,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field is present with a value of the wrong type or format. */
    BAD_FIELD
  }

  private final Problem problem;

  MalformedRecordException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  MalformedRecordException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  /** The kind of problem, for metrics and dead-letter records. */
  public Problem problem() {
    return problem;
  }

  static String where(String topic) {
    return topic == null ? "record" : String.format(Locale.ROOT, "record from topic '%s'", topic);
  }
}
