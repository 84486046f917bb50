package io.vigil.model.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads data files by their extension: {@code .csv} (or {@code .txt}) with {@link CsvReader},
 * {@code .jsonl}, {@code .ndjson} or {@code .json} with {@link JsonLinesReader}, {@code .avro} with
 * {@link AvroFileReader}. Several files make one {@link Recording} of all their series.
 */
public final class DataFiles {
  /** The extensions understood, for messages. */
  public static final List<String> EXTENSIONS =
      List.of(".csv", ".txt", ".jsonl", ".ndjson", ".json", ".avro");

  private DataFiles() {}

  /**
   * Reads one or more files, failing on the first malformed row.
   *
   * @param paths the files
   * @param spec which columns to read; every file must have the resulting channels
   * @return all their series
   * @throws IllegalArgumentException for a missing file or an unknown extension
   * @throws DataException for a malformed file
   */
  public static Recording read(List<Path> paths, ColumnSpec spec) {
    return read(paths, spec, BadRows.fail());
  }

  /**
   * Reads one or more files, failing on or skipping malformed rows as {@code badRows} says.
   *
   * @param paths the files
   * @param spec which columns to read; every file must have the resulting channels
   * @param badRows what to do with a malformed row, in every file
   * @return all their series
   * @throws IllegalArgumentException for a missing file or an unknown extension
   * @throws DataException for a malformed row when failing, or a malformed file in either mode
   */
  public static Recording read(List<Path> paths, ColumnSpec spec, BadRows badRows) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no data files given, expected at least one");
    }
    List<Series> series = new ArrayList<>();
    List<String> names = new ArrayList<>();
    ColumnSpec effective = spec;
    for (Path path : paths) {
      Recording recording = read(path, effective, badRows);
      // The first file fixes the channels, so that every later file is read in the same order.
      effective = effective.withChannels(recording.channels());
      series.addAll(recording.series());
      names.add(recording.source());
    }
    return new Recording(String.join(",", names), series);
  }

  /**
   * Reads one file, failing on the first malformed row.
   *
   * @param path the file
   * @param spec which columns to read
   * @return its series
   */
  public static Recording read(Path path, ColumnSpec spec) {
    return read(path, spec, BadRows.fail());
  }

  /**
   * Reads one file, failing on or skipping malformed rows as {@code badRows} says.
   *
   * @param path the file
   * @param spec which columns to read
   * @param badRows what to do with a malformed row
   * @return its series
   */
  public static Recording read(Path path, ColumnSpec spec, BadRows badRows) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("data file " + path + " does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return CsvReader.read(path, spec, badRows);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JsonLinesReader.read(path, spec, badRows);
    }
    if (name.endsWith(".avro")) {
      return AvroFileReader.read(path, spec, badRows);
    }
    throw new IllegalArgumentException(
        "data file " + path + " has an unknown extension, expected one of " + EXTENSIONS);
  }
}
