package io.vigil.model.data;

import java.time.Instant;
import java.util.Locale;

/**
 * The part of a telemetry topic to read for training: frames whose record timestamp lies in {@code
 * [from, to)}.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port]}
 * @param topic the telemetry topic
 * @param from the first record time, included
 * @param to the end, excluded; after {@code from}
 * @param format how record values are encoded
 */
public record KafkaRange(
    String bootstrapServers, String topic, Instant from, Instant to, FrameFormat format) {

  /** How frames are encoded in the topic, as the stream app's {@code input.format} says. */
  public enum FrameFormat {
    /** Avro single-object encoding of {@code TelemetryFrame}. */
    AVRO,
    /** JSON frames, as read by the stream app's JSON frame serde. */
    JSON;

    /**
     * Parses {@code avro} or {@code json}, case-insensitively.
     *
     * @param value the name
     * @return the format
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static FrameFormat parse(String value) {
      for (FrameFormat format : values()) {
        if (format.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
          return format;
        }
      }
      throw new IllegalArgumentException(
          "frame format '" + value + "' is unknown, expected avro or json");
    }
  }

  /** Validates every field; a bad one names itself, its value and what is allowed. */
  public KafkaRange {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "bootstrapServers = '" + bootstrapServers + "', expected host:port[,host:port]");
    }
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic = '" + topic + "', expected a topic name");
    }
    if (from == null || to == null || !to.isAfter(from)) {
      throw new IllegalArgumentException(
          "time range [" + from + ", " + to + "), expected two instants, the end after the start");
    }
    if (format == null) {
      throw new IllegalArgumentException("format is missing, expected avro or json");
    }
  }

  /** Returns how the source is named in provenance, e.g. {@code kafka://host:9092/telemetry}. */
  public String describe() {
    return "kafka://" + bootstrapServers + "/" + topic + "?from=" + from + "&to=" + to;
  }
}
