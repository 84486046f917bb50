package io.vigil.cli;

import io.vigil.app.startup.KafkaPreflight;
import io.vigil.model.data.BadRows;
import io.vigil.model.data.ColumnSpec;
import io.vigil.model.data.DataFiles;
import io.vigil.model.data.KafkaRange;
import io.vigil.model.data.KafkaTopicReader;
import io.vigil.model.data.Recording;
import io.vigil.model.data.TimeParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where recorded data comes from, for every command that reads it ({@code train}, {@code
 * backtest}): files, or a Kafka topic between two timestamps; and which columns are what.
 */
final class DataSourceOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--data",
        split = ",",
        paramLabel = "FILE",
        description = "Data files (.csv, .txt, .jsonl, .ndjson, .json, .avro), comma-separated.")
    List<Path> files;

    @ArgGroup(exclusive = false)
    KafkaSource kafka;
  }

  static final class KafkaSource {
    @Option(names = "--kafka-bootstrap", required = true, description = "Brokers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--kafka-topic", required = true, description = "The telemetry topic.")
    String topic;

    @Option(names = "--from", required = true, description = "First record time (ISO-8601).")
    String from;

    @Option(names = "--to", required = true, description = "End record time, excluded.")
    String to;

    @Option(
        names = "--frame-format",
        defaultValue = "avro",
        description = "avro or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--kafka-timeout",
        defaultValue = "30s",
        description = "Give up after this long without records (default: ${DEFAULT-VALUE}).")
    Duration timeout;
  }

  @Option(
      names = "--channels",
      split = ",",
      description = "Channels to read, in model order (default: every numeric column).")
  List<String> channels;

  @Option(names = "--time-column", description = "Time column (default: detected).")
  String timeColumn;

  @Option(names = "--device-column", description = "Column naming the device, if any.")
  String deviceColumn;

  @Option(
      names = "--label-column",
      description = "Column marking anomalous rows, non-zero = anomalous (default: 'anomaly').")
  String labelColumn;

  @Option(
      names = "--skip-bad",
      description =
          "Skip malformed rows (counted and reported) instead of stopping at the first with its"
              + " file, line and reason.")
  boolean skipBad;

  private BadRows badRows = BadRows.fail();

  /**
   * Returns what was skipped by the last {@link #read()}.
   *
   * @return the bad rows (none counted without {@code --skip-bad})
   */
  BadRows badRows() {
    return badRows;
  }

  /**
   * Reads the data.
   *
   * @return one series per device
   */
  Recording read() {
    badRows = skipBad ? BadRows.skip() : BadRows.fail();
    ColumnSpec columns =
        new ColumnSpec(
            timeColumn, channels == null ? List.of() : channels, labelColumn, deviceColumn);
    if (source.files != null) {
      return DataFiles.read(source.files, columns, badRows);
    }
    KafkaSource k = source.kafka;
    new KafkaPreflight(k.bootstrap, Map.of(), KafkaPreflight.DEFAULT_TIMEOUT)
        .check(List.of(k.topic), null);
    KafkaRange range =
        new KafkaRange(
            k.bootstrap,
            k.topic,
            Instant.ofEpochMilli(TimeParser.parse(k.from)),
            Instant.ofEpochMilli(TimeParser.parse(k.to)),
            KafkaRange.FrameFormat.parse(k.format));
    return KafkaTopicReader.read(range, columns, k.timeout);
  }
}
