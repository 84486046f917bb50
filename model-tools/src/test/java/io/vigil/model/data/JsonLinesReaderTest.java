package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
  /** Good frames at lines 1 and 9; bad lines 2, 3, 4, 6, 7 and 8; line 5 is blank. */
  private static final String WITH_BAD_LINES =
      "{\"deviceId\":\"pump-1\",\"eventTime\":1000,\"channels\":{\"pressure\":1.0}}\n"
          + "{oops\n"
          + "[1,2]\n"
          + "{\"deviceId\":\"pump-1\",\"channels\":{\"pressure\":2.0}}\n"
          + "\n"
          + "{\"deviceId\":\"pump-1\",\"eventTime\":3000,\"channels\":{\"pressure\":3.0},"
          + "\"anomaly\":\"yes\"}\n"
          + "{\"deviceId\":\"pump-1\",\"eventTime\":\"later\",\"channels\":{\"pressure\":4.0}}\n"
          + "{\"deviceId\":\"pump-1\",\"eventTime\":4500,\"channels\":{\"pressure\":\"high\"}}\n"
          + "{\"deviceId\":\"pump-1\",\"eventTime\":5000,\"channels\":{\"pressure\":5.0},"
          + "\"anomaly\":1}\n";

  private static final ColumnSpec PRESSURE =
      ColumnSpec.defaults().withChannels(List.of("pressure"));

  @TempDir Path dir;

  @Test
  void readsTelemetryFramesOneSeriesPerDevice() throws IOException {
    Path file = dir.resolve("frames.jsonl");
    Files.writeString(
        file,
        "{\"deviceId\":\"pump-7\",\"eventTime\":\"2026-03-01T12:00:00Z\","
            + "\"channels\":{\"pressure\":4.2,\"flow\":null}}\n"
            + "{\"deviceId\":\"pump-8\",\"eventTime\":1772366400000,"
            + "\"channels\":{\"pressure\":1.0,\"flow\":2.0}}\n"
            + "\n"
            + "{\"device_id\":\"pump-7\",\"timestamp\":\"2026-03-01T12:00:01Z\","
            + "\"channels\":{\"pressure\":4.3,\"flow\":1.5}}\n");

    Recording recording = JsonLinesReader.read(file, ColumnSpec.defaults());

    assertThat(recording.channels()).containsExactly("pressure", "flow");
    assertThat(recording.series()).extracting(Series::name).containsExactly("pump-7", "pump-8");
    Series pump7 = recording.series().get(0);
    assertThat(pump7.rows()).isEqualTo(2);
    assertThat(pump7.value(0, 1)).isNaN();
    assertThat(pump7.value(1, 0)).isEqualTo(4.3f);
  }

  @Test
  void readsFlatRowsWithLabels() throws IOException {
    Path file = dir.resolve("rows.ndjson");
    Files.writeString(
        file,
        "{\"time\":1000,\"a\":1.5,\"b\":2,\"site\":\"north\",\"anomaly\":0}\n"
            + "{\"time\":2000,\"a\":1.6,\"b\":3,\"site\":\"north\",\"anomaly\":1}\n");

    Recording recording = JsonLinesReader.read(file, ColumnSpec.defaults());

    Series series = recording.series().get(0);
    assertThat(recording.channels()).as("text fields are not channels").containsExactly("a", "b");
    assertThat(series.label(1)).isTrue();
    assertThat(series.time(1)).isEqualTo(2000);
  }

  @Test
  void aLineThatIsNotJsonIsRefusedWithItsNumber() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"time\":1000,\"a\":1}\n{oops\n");

    assertThatThrownBy(() -> JsonLinesReader.read(file, ColumnSpec.defaults()))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(file + ": line 2 is not JSON");
  }

  @Test
  void aChosenChannelThatIsNotANumberIsRefused() throws IOException {
    Path file = dir.resolve("text.jsonl");
    Files.writeString(file, "{\"time\":1000,\"a\":\"x\"}\n");

    assertThatThrownBy(
            () -> JsonLinesReader.read(file, ColumnSpec.defaults().withChannels(List.of("a"))))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 1 field 'a' is \"x\", expected a number");
  }

  @Test
  void aBadLineAmongGoodOnesFailsByDefaultWithTheFileAndItsLine() throws IOException {
    Path file = dir.resolve("frames.jsonl");
    Files.writeString(file, WITH_BAD_LINES);

    assertThatThrownBy(() -> JsonLinesReader.read(file, PRESSURE))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(file + ": line 2 is not JSON: ");
    assertThatThrownBy(() -> DataFiles.read(List.of(file), PRESSURE))
        .isInstanceOf(DataException.class)
        .hasMessageStartingWith(file + ": line 2 is not JSON: ");
  }

  @Test
  void skippingReadsEveryGoodLineAndReportsEachBadOneWithFileLineAndReason() throws IOException {
    Path file = dir.resolve("frames.jsonl");
    Files.writeString(file, WITH_BAD_LINES);
    List<BadRows.BadRow> reported = new ArrayList<>();
    BadRows badRows = BadRows.skip(reported::add);

    Series series = JsonLinesReader.read(file, PRESSURE, badRows).series().get(0);

    assertThat(series.rows()).isEqualTo(2);
    assertThat(List.of(series.time(0), series.time(1))).containsExactly(1000L, 5000L);
    assertThat(List.of(series.value(0, 0), series.value(1, 0))).containsExactly(1f, 5f);
    assertThat(badRows.count()).isEqualTo(6);
    assertThat(reported).extracting(BadRows.BadRow::source).containsOnly(file.toString());
    assertThat(reported).extracting(BadRows.BadRow::line).containsExactly(2L, 3L, 4L, 6L, 7L, 8L);
    assertThat(reported.get(0).reason()).startsWith("is not JSON: ");
    assertThat(reported.subList(1, 6))
        .extracting(BadRows.BadRow::reason)
        .containsExactly(
            "is not a JSON object",
            "has no time, expected one of [eventTime, event_time, timestamp, time]",
            "label 'anomaly' is \"yes\", expected 0/1 or a boolean",
            "time 'later' is not epoch milliseconds, an ISO-8601 instant or a local date-time"
                + " (yyyy-MM-dd HH:mm:ss)",
            "field 'pressure' is \"high\", expected a number");
    for (BadRows.BadRow row : reported) {
      // A time the parser refused is reported after a colon, as it always was.
      String separator = row.line() == 7 ? ": " : " ";
      assertThat(row.message()).isEqualTo(file + ": line " + row.line() + separator + row.reason());
    }
    assertThat(badRows.first()).isEqualTo(reported.subList(0, BadRows.KEPT));
  }
}
