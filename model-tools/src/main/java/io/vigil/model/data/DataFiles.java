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
   * Reads one or more files.
   *
   * @param paths the files
   * @param spec which columns to read; every file must have the resulting channels
   * @return all their series
   * @throws IllegalArgumentException for a missing file or an unknown extension
   * @throws DataException for a malformed file
   */
  public static Recording read(List<Path> paths, ColumnSpec spec) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no data files given, expected at least one");
    }
    List<Series> series = new ArrayList<>();
    List<String> names = new ArrayList<>();
    ColumnSpec effective = spec;
    for (Path path : paths) {
      Recording recording = read(path, effective);
      // The first file fixes the channels, so that every later file is read in the same order.
      effective = effective.withChannels(recording.channels());
      series.addAll(recording.series());
      names.add(recording.source());
    }
    return new Recording(String.join(",", names), series);
  }

  /**
   * Reads one file.
   *
   * @param path the file
   * @param spec which columns to read
   * @return its series
   */
  public static Recording read(Path path, ColumnSpec spec) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("data file " + path + " does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".txt")) {
      return CsvReader.read(path, spec);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JsonLinesReader.read(path, spec);
    }
    if (name.endsWith(".avro")) {
      return AvroFileReader.read(path, spec);
    }
    throw new IllegalArgumentException(
        "data file " + path + " has an unknown extension, expected one of " + EXTENSIONS);
  }
}
