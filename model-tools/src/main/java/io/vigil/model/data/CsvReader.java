package io.vigil.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file with a header line: a time column, channel columns, optionally a label and a
 * device column ({@link ColumnSpec}). The separator is {@code ;} when the header has one, else
 * {@code ,}; values may be quoted with {@code "}. An empty value, {@code NaN} or {@code null} is a
 * missing value. Without a channel list, the channels are the columns whose first value is a number
 * (or missing), so a text column such as the simulator's {@code anomaly_kind} is left out.
 */
public final class CsvReader {
  private CsvReader() {}

  /**
   * Reads a file.
   *
   * @param path the CSV file
   * @param spec which columns to read
   * @return the rows, one series per device (one in all without a device column)
   * @throws DataException naming the file and line of a malformed value
   * @throws IllegalArgumentException naming a requested column that is absent
   */
  public static Recording read(Path path, ColumnSpec spec) {
    String source = path.toString();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        throw new DataException(source, "the file is empty, expected a header line");
      }
      if (!headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
        headerLine = headerLine.substring(1);
      }
      char separator = headerLine.indexOf(';') >= 0 ? ';' : ',';
      List<String> header = split(headerLine, separator);
      int time = spec.timeIndex(header);
      int label = spec.labelIndex(header);
      int device = spec.deviceIndex(header);
      RowCollector rows = new RowCollector(source, spec);
      String deviceName = path.getFileName().toString();
      List<Integer> channelColumns = channelColumns(header, spec, time, label, device);
      Set<Integer> textColumns = new HashSet<>();
      String line;
      int lineNumber = 1;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = split(line, separator);
        if (cells.size() != header.size()) {
          throw new DataException(
              source,
              "line " + lineNumber + " has " + cells.size() + " values, expected " + header.size());
        }
        long at = parseTime(source, lineNumber, cells.get(time));
        Map<String, Double> values = new LinkedHashMap<>();
        for (int column : channelColumns) {
          String cell = cells.get(column);
          if (spec.channels().isEmpty() && !isNumberOrMissing(cell)) {
            // Not chosen by name and not a number: a text column, not a channel.
            textColumns.add(column);
          }
          if (!textColumns.contains(column)) {
            values.put(header.get(column), number(source, lineNumber, header.get(column), cell));
          }
        }
        Boolean anomalous = null;
        if (label >= 0) {
          Double flag = number(source, lineNumber, header.get(label), cells.get(label));
          anomalous = flag != null && flag != 0;
        }
        rows.add(device >= 0 ? cells.get(device) : deviceName, at, values, anomalous);
      }
      for (int column : textColumns) {
        rows.exclude(header.get(column));
      }
      return rows.build();
    } catch (IOException e) {
      throw new DataException(source, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<Integer> channelColumns(
      List<String> header, ColumnSpec spec, int time, int label, int device) {
    List<Integer> columns = new ArrayList<>();
    if (!spec.channels().isEmpty()) {
      for (String channel : spec.channels()) {
        columns.add(ColumnSpec.requireIndex(header, channel, "channel"));
      }
      return columns;
    }
    for (int i = 0; i < header.size(); i++) {
      if (i != time && i != label && i != device && ColumnSpec.isDefaultChannel(header.get(i))) {
        columns.add(i);
      }
    }
    return columns;
  }

  private static long parseTime(String source, int line, String cell) {
    try {
      return TimeParser.parse(cell);
    } catch (IllegalArgumentException e) {
      throw new DataException(source, "line " + line + ": " + e.getMessage(), e);
    }
  }

  private static Double number(String source, int line, String column, String text) {
    String cell = text.trim();
    if (cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      double value = Double.parseDouble(cell);
      if (Double.isInfinite(value)) {
        throw new DataException(
            source, "line " + line + " column '" + column + "' is " + cell + ", expected finite");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DataException(
          source, "line " + line + " column '" + column + "' is '" + cell + "', expected a number");
    }
  }

  private static boolean isNumberOrMissing(String text) {
    String cell = text.trim();
    if (cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("null")) {
      return true;
    }
    try {
      Double.parseDouble(cell);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Splits a line; a field in double quotes may hold the separator, {@code ""} is a quote. */
  static List<String> split(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
