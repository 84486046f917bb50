package io.vigil.model.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON lines, one object per line, in either of two shapes:
 *
 * <ul>
 *   <li>a telemetry frame, as the stream ingests it: {@code {"deviceId": "pump-7", "eventTime":
 *       "2026-03-01T12:00:00Z", "channels": {"pressure": 4.2, "flow": null}}} ({@code device_id},
 *       {@code event_time}, {@code timestamp} accepted too); each device becomes a series;
 *   <li>a flat row: {@code {"time": 1767225600000, "pressure": 4.2, "flow": 1.1, "anomaly": 0}},
 *       the columns chosen by the {@link ColumnSpec} as for CSV.
 * </ul>
 *
 * <p>Times are epoch milliseconds or ISO-8601 text ({@link TimeParser}); a null value is missing.
 */
public final class JsonLinesReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> DEVICE_KEYS = List.of("deviceId", "device_id");
  private static final List<String> FRAME_TIME_KEYS =
      List.of("eventTime", "event_time", "timestamp", "time");

  private JsonLinesReader() {}

  /**
   * Reads a file, failing on the first malformed line.
   *
   * @param path the JSON lines file
   * @param spec which fields to read
   * @return the rows, one series per device
   * @throws DataException naming the file and line of a malformed record
   */
  public static Recording read(Path path, ColumnSpec spec) {
    return read(path, spec, BadRows.fail());
  }

  /**
   * Reads a file, failing on or skipping malformed lines as {@code badRows} says.
   *
   * @param path the JSON lines file
   * @param spec which fields to read
   * @param badRows what to do with a malformed line
   * @return the rows read, one series per device
   * @throws DataException naming the file and line of a malformed record when failing, or for a
   *     file without a good line in either mode
   */
  public static Recording read(Path path, ColumnSpec spec, BadRows badRows) {
    String source = path.toString();
    String fileName = path.getFileName().toString();
    RowCollector rows = new RowCollector(source, spec);
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = parse(lineNumber, line);
          if (node.has("channels") && node.get("channels").isObject()) {
            addFrame(rows, lineNumber, fileName, node, spec);
          } else {
            addFlat(rows, lineNumber, fileName, node, spec);
          }
        } catch (RowProblem problem) {
          badRows.reject(source, problem);
        }
      }
    } catch (IOException e) {
      throw new DataException(source, "cannot be read: " + e.getMessage(), e);
    }
    return rows.build();
  }

  private static JsonNode parse(int line, String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw RowProblem.line(line, "is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw RowProblem.line(line, "is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void addFrame(
      RowCollector rows, int line, String fileName, JsonNode node, ColumnSpec spec) {
    String device = fileName;
    for (String key : DEVICE_KEYS) {
      if (node.hasNonNull(key)) {
        device = node.get(key).asText();
      }
    }
    JsonNode time = null;
    for (String key : FRAME_TIME_KEYS) {
      if (time == null && node.hasNonNull(key)) {
        time = node.get(key);
      }
    }
    if (time == null) {
      throw RowProblem.line(line, "has no time, expected one of " + FRAME_TIME_KEYS);
    }
    Map<String, Double> values = numbers(line, node.get("channels"), List.of(), spec);
    rows.add(device, time(line, time), values, label(line, node, spec));
  }

  private static void addFlat(
      RowCollector rows, int line, String fileName, JsonNode node, ColumnSpec spec) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    int timeIndex = spec.timeIndex(keys);
    if (keys.isEmpty()) {
      throw RowProblem.line(line, "is an empty object");
    }
    String timeKey = keys.get(timeIndex);
    int deviceIndex = spec.deviceIndex(keys);
    String device = deviceIndex < 0 ? fileName : node.get(keys.get(deviceIndex)).asText();
    List<String> skip = new ArrayList<>(List.of(timeKey));
    int labelIndex = spec.labelIndex(keys);
    if (labelIndex >= 0) {
      skip.add(keys.get(labelIndex));
    }
    if (deviceIndex >= 0) {
      skip.add(keys.get(deviceIndex));
    }
    Map<String, Double> values = numbers(line, node, skip, spec);
    rows.add(device, time(line, node.get(timeKey)), values, label(line, node, spec));
  }

  /**
   * Reads the channel values of an object. A non-numeric field is an error only when it was asked
   * for by name; otherwise it is not a channel (a site name, say) and is left out.
   */
  private static Map<String, Double> numbers(
      int line, JsonNode object, List<String> skip, ColumnSpec spec) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      if (skip.contains(name) || !ColumnSpec.isDefaultChannel(name)) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        values.put(name, null);
      } else if (value.isNumber()) {
        values.put(name, value.doubleValue());
      } else if (spec.channels().contains(name)) {
        throw RowProblem.line(line, "field '" + name + "' is " + value + ", expected a number");
      }
    }
    return values;
  }

  private static long time(int line, JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    try {
      return TimeParser.parse(value.asText());
    } catch (IllegalArgumentException e) {
      throw RowProblem.lineValue(line, e);
    }
  }

  private static Boolean label(int line, JsonNode node, ColumnSpec spec) {
    String key = spec.labelColumn() == null ? ColumnSpec.DEFAULT_LABEL : spec.labelColumn();
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0;
    }
    throw RowProblem.line(line, "label '" + key + "' is " + value + ", expected 0/1 or a boolean");
  }
}
