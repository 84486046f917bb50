package io.vigil.schemas.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.schemas.TelemetryFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Telemetry frames as JSON objects, the form many device gateways emit:
 *
 * <pre>{"deviceId": "pump-7", "eventTime": "2026-03-01T12:00:00Z",
 *  "channels": {"pressure": 4.2, "flow": null}, "source": "gw-3"}</pre>
 *
 * <p>{@code deviceId} may also be spelled {@code device_id}, {@code eventTime} also {@code
 * event_time} or {@code timestamp}; the time is epoch milliseconds or an ISO-8601 instant. A
 * channel value is a number, {@code null} (no reading) or one of the strings {@code "NaN"}, {@code
 * "Infinity"}, {@code "-Infinity"}: those are read as the IEEE values so that the pipeline can
 * refuse them with a precise reason instead of a parse error. Frames are written in the first
 * spelling, the time in epoch milliseconds.
 */
public final class JsonFrameSerde
    implements Serde<TelemetryFrame>, Serializer<TelemetryFrame>, Deserializer<TelemetryFrame> {
  private static final List<String> DEVICE_KEYS = List.of("deviceId", "device_id");
  private static final List<String> TIME_KEYS = List.of("eventTime", "event_time", "timestamp");

  private final ObjectMapper mapper =
      JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

  @Override
  public byte[] serialize(String topic, TelemetryFrame frame) {
    if (frame == null) {
      return null;
    }
    ObjectNode root = mapper.createObjectNode();
    root.put("deviceId", frame.getDeviceId());
    root.put("eventTime", frame.getEventTime().toEpochMilli());
    ObjectNode channels = root.putObject("channels");
    frame.getChannels().forEach((name, value) -> channels.put(name, value));
    if (frame.getSource() != null) {
      root.put("source", frame.getSource());
    }
    try {
      return mapper
          .writer()
          .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public TelemetryFrame deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String where = MalformedRecordException.where(topic);
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException(
          MalformedRecordException.Problem.INVALID_JSON,
          String.format(
              Locale.ROOT,
              "%s: not valid JSON (%s); expected an object with deviceId, eventTime and channels",
              where,
              e.getOriginalMessage() == null ? e.getMessage() : e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      // Reading from a byte array does no I/O; Jackson declares it all the same.
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedRecordException(
          MalformedRecordException.Problem.INVALID_JSON,
          where
              + ": JSON document is empty; expected an object with deviceId, eventTime and channels");
    }
    if (!root.isObject()) {
      throw new MalformedRecordException(
          MalformedRecordException.Problem.INVALID_JSON,
          String.format(
              Locale.ROOT,
              "%s: JSON %s where an object with deviceId, eventTime and channels was expected"
                  + " (%s)",
              where,
              root.getNodeType().name().toLowerCase(Locale.ROOT),
              preview(bytes)));
    }
    String deviceId = deviceId(where, root);
    Instant eventTime = eventTime(where, root);
    Map<String, Double> channels = channels(where, root);
    JsonNode source = root.get("source");
    return TelemetryFrame.newBuilder()
        .setDeviceId(deviceId)
        .setEventTime(eventTime)
        .setChannels(channels)
        .setSource(source == null || source.isNull() ? null : source.asText())
        .build();
  }

  private static String deviceId(String where, JsonNode root) {
    JsonNode node = first(root, DEVICE_KEYS);
    if (node == null || node.isNull()) {
      throw missing(where, "deviceId", "a non-empty string");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw bad(where, "deviceId", node, "a non-empty string");
    }
    return node.asText();
  }

  private static Instant eventTime(String where, JsonNode root) {
    JsonNode node = first(root, TIME_KEYS);
    if (node == null || node.isNull()) {
      throw missing(where, "eventTime", "epoch milliseconds or an ISO-8601 instant");
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    if (node.isTextual()) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw bad(where, "eventTime", node, "epoch milliseconds or an ISO-8601 instant");
      }
    }
    throw bad(where, "eventTime", node, "epoch milliseconds or an ISO-8601 instant");
  }

  private static Map<String, Double> channels(String where, JsonNode root) {
    JsonNode node = root.get("channels");
    if (node == null || node.isNull()) {
      throw missing(where, "channels", "an object of channel name to number or null");
    }
    if (!node.isObject()) {
      throw bad(where, "channels", node, "an object of channel name to number or null");
    }
    Map<String, Double> channels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      channels.put(entry.getKey(), channelValue(where, entry.getKey(), entry.getValue()));
    }
    return channels;
  }

  private static Double channelValue(String where, String channel, JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      switch (value.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw bad(where, "channels." + channel, value, "a number, null, \"NaN\" or \"Infinity\"");
  }

  private static JsonNode first(JsonNode root, List<String> keys) {
    for (String key : keys) {
      if (root.has(key)) {
        return root.get(key);
      }
    }
    return null;
  }

  private static MalformedRecordException missing(String where, String field, String expected) {
    return new MalformedRecordException(
        MalformedRecordException.Problem.MISSING_FIELD,
        String.format(
            Locale.ROOT, "%s: field '%s' is missing; expected %s", where, field, expected));
  }

  private static MalformedRecordException bad(
      String where, String field, JsonNode found, String expected) {
    return new MalformedRecordException(
        MalformedRecordException.Problem.BAD_FIELD,
        String.format(
            Locale.ROOT,
            "%s: field '%s' is %s, expected %s",
            where,
            field,
            abbreviate(found.toString()),
            expected));
  }

  private static String preview(byte[] bytes) {
    return abbreviate(new String(bytes, StandardCharsets.UTF_8));
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  @Override
  public Serializer<TelemetryFrame> serializer() {
    return this;
  }

  @Override
  public Deserializer<TelemetryFrame> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // No settings: the record type fixes the schema.
  }

  @Override
  public void close() {
    // The mapper holds no resources.
  }
}
