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
   * Reads a file, failing on the first malformed row.
   *
   * @param path the CSV file
   * @param spec which columns to read
   * @return the rows, one series per device (one in all without a device column)
   * @throws DataException naming the file and line of a malformed value
   * @throws IllegalArgumentException naming a requested column that is absent
   */
  public static Recording read(Path path, ColumnSpec spec) {
    return read(path, spec, BadRows.fail());
  }

  /**
   * Reads a file, failing on or skipping malformed rows as {@code badRows} says.
   *
   * @param path the CSV file
   * @param spec which columns to read
   * @param badRows what to do with a malformed row
   * @return the rows read, one series per device (one in all without a device column)
   * @throws DataException naming the file and line of a malformed value when failing, or for an
   *     empty file or one without a good row in either mode
   * @throws IllegalArgumentException naming a requested column that is absent
   */
  public static Recording read(Path path, ColumnSpec spec, BadRows badRows) {
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
      Table table = new Table(path, spec, split(headerLine, separator));
      RowCollector rows = new RowCollector(source, spec);
      String line;
      int lineNumber = 1;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          table.addRow(rows, lineNumber, split(line, separator));
        } catch (RowProblem problem) {
          badRows.reject(source, problem);
        }
      }
      for (int column : table.textColumns) {
        rows.exclude(table.header.get(column));
      }
      return rows.build();
    } catch (IOException e) {
      throw new DataException(source, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** The header of one file, which columns are what, and which turned out to hold text. */
  private static final class Table {
    private final ColumnSpec spec;
    private final List<String> header;
    private final int time;
    private final int label;
    private final int device;
    private final String deviceName;
    private final List<Integer> channelColumns;
    private final Set<Integer> textColumns = new HashSet<>();

    Table(Path path, ColumnSpec spec, List<String> header) {
      this.spec = spec;
      this.header = header;
      this.time = spec.timeIndex(header);
      this.label = spec.labelIndex(header);
      this.device = spec.deviceIndex(header);
      this.deviceName = path.getFileName().toString();
      this.channelColumns = channelColumns(header, spec, time, label, device);
    }

    /**
     * Adds one row, or throws before changing anything: the text columns a malformed row seems to
     * show are noted only once the whole row has been read.
     */
    void addRow(RowCollector rows, int lineNumber, List<String> cells) {
      if (cells.size() != header.size()) {
        throw RowProblem.line(
            lineNumber, "has " + cells.size() + " values, expected " + header.size());
      }
      long at = parseTime(lineNumber, cells.get(time));
      Map<String, Double> values = new LinkedHashMap<>();
      Set<Integer> newTextColumns = new HashSet<>();
      for (int column : channelColumns) {
        String cell = cells.get(column);
        if (spec.channels().isEmpty() && !isNumberOrMissing(cell)) {
          // Not chosen by name and not a number: a text column, not a channel.
          newTextColumns.add(column);
        }
        if (!textColumns.contains(column) && !newTextColumns.contains(column)) {
          values.put(header.get(column), number(lineNumber, header.get(column), cell));
        }
      }
      Boolean anomalous = null;
      if (label >= 0) {
        Double flag = number(lineNumber, header.get(label), cells.get(label));
        anomalous = flag != null && flag != 0;
      }
      textColumns.addAll(newTextColumns);
      rows.add(device >= 0 ? cells.get(device) : deviceName, at, values, anomalous);
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

  private static long parseTime(int line, String cell) {
    try {
      return TimeParser.parse(cell);
    } catch (IllegalArgumentException e) {
      throw RowProblem.lineValue(line, e);
    }
  }

  private static Double number(int line, String column, String text) {
    String cell = text.trim();
    if (cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      double value = Double.parseDouble(cell);
      if (Double.isInfinite(value)) {
        throw RowProblem.line(line, "column '" + column + "' is " + cell + ", expected finite");
      }
      return value;
    } catch (NumberFormatException e) {
      throw RowProblem.line(line, "column '" + column + "' is '" + cell + "', expected a number");
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
