package io.vigil.model.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an Avro object container file of records in either of two shapes, read generically so that
 * any writer schema works:
 *
 * <ul>
 *   <li>Vigil's {@code TelemetryFrame} (a {@code deviceId}, an {@code eventTime} in epoch
 *       milliseconds and a {@code channels} map of nullable doubles): one series per device;
 *   <li>a flat record with a time field and numeric fields, chosen by the {@link ColumnSpec} as for
 *       CSV.
 * </ul>
 */
public final class AvroFileReader {
  private AvroFileReader() {}

  /**
   * Reads a file, failing on the first malformed record.
   *
   * @param path the {@code .avro} container file
   * @param spec which fields to read
   * @return the rows, one series per device
   * @throws DataException naming the file and record of a malformed value
   */
  public static Recording read(Path path, ColumnSpec spec) {
    return read(path, spec, BadRows.fail());
  }

  /**
   * Reads a file, failing on or skipping malformed records as {@code badRows} says. A file that
   * cannot be decoded fails either way.
   *
   * @param path the {@code .avro} container file
   * @param spec which fields to read
   * @param badRows what to do with a malformed record
   * @return the rows read, one series per device
   * @throws DataException naming the file and record (from 0) of a malformed value when failing, or
   *     for a file that cannot be decoded or has no good record in either mode
   */
  public static Recording read(Path path, ColumnSpec spec, BadRows badRows) {
    String source = path.toString();
    String fileName = path.getFileName().toString();
    RowCollector rows = new RowCollector(source, spec);
    try (DataFileReader<GenericRecord> in =
        new DataFileReader<>(path.toFile(), new GenericDatumReader<>())) {
      Schema schema = in.getSchema();
      boolean frames = schema.getField("channels") != null && schema.getField("eventTime") != null;
      List<String> names = new ArrayList<>();
      schema.getFields().forEach(field -> names.add(field.name()));
      long index = 0;
      for (GenericRecord record : in) {
        try {
          if (frames) {
            addFrame(rows, index, record);
          } else {
            addFlat(rows, index, fileName, record, names, spec);
          }
        } catch (RowProblem problem) {
          badRows.reject(source, problem);
        }
        index++;
      }
    } catch (IOException e) {
      throw new DataException(
          source, "is not a readable Avro container file: " + e.getMessage(), e);
    }
    return rows.build();
  }

  private static void addFrame(RowCollector rows, long index, GenericRecord record) {
    Object device = record.get("deviceId");
    Object time = record.get("eventTime");
    if (device == null || !(time instanceof Long)) {
      throw RowProblem.record(index, "has no deviceId or eventTime (epoch milliseconds)");
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Object channels = record.get("channels");
    if (channels instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        values.put(entry.getKey().toString(), number(index, entry.getKey(), entry.getValue()));
      }
    }
    rows.add(device.toString(), (Long) time, values, null);
  }

  private static void addFlat(
      RowCollector rows,
      long index,
      String fileName,
      GenericRecord record,
      List<String> names,
      ColumnSpec spec) {
    String timeField = names.get(spec.timeIndex(names));
    int labelIndex = spec.labelIndex(names);
    int deviceIndex = spec.deviceIndex(names);
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Object value = record.get(name);
      boolean wanted = spec.channels().isEmpty() || spec.channels().contains(name);
      if (name.equals(timeField) || i == labelIndex || i == deviceIndex || !wanted) {
        continue;
      }
      if (value == null || value instanceof Number) {
        values.put(name, number(index, name, value));
      } else if (spec.channels().contains(name)) {
        throw RowProblem.record(index, "field '" + name + "' is " + value + ", not a number");
      }
    }
    Object time = record.get(timeField);
    long at;
    try {
      at = time instanceof Number n ? n.longValue() : TimeParser.parse(String.valueOf(time));
    } catch (IllegalArgumentException e) {
      throw RowProblem.recordValue(index, e);
    }
    Boolean label = null;
    if (labelIndex >= 0 && record.get(labelIndex) != null) {
      Object flag = record.get(labelIndex);
      label = flag instanceof Boolean b ? b : ((Number) flag).doubleValue() != 0;
    }
    String device = deviceIndex < 0 ? fileName : String.valueOf(record.get(deviceIndex));
    rows.add(device, at, values, label);
  }

  private static Double number(long index, Object name, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw RowProblem.record(index, "channel '" + name + "' is " + value + ", not a number");
  }
}
