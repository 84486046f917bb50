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

class CsvReaderTest {
  /** Good rows at lines 2, 5 and 9; bad ones at 3, 6, 7 and 8; line 4 is blank. */
  private static final String WITH_BAD_ROWS =
      "time,a,b,anomaly\n"
          + "1000,1,10,0\n"
          + "2000,2\n"
          + "\n"
          + "3000,3,30,0\n"
          + "noon,4,40,0\n"
          + "5000,high,50,0\n"
          + "6000,6,1e999,1\n"
          + "7000,7,70,1\n";

  private static final ColumnSpec A_AND_B = ColumnSpec.defaults().withChannels(List.of("a", "b"));

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void readsSkabStyleSemicolonFilesWithLabels() throws IOException {
    Path file =
        write(
            "0.csv",
            "datetime;Pressure;Current;anomaly;changepoint\n"
                + "2020-03-09 10:14:33;0.05;1.33;0.0;0.0\n"
                + "2020-03-09 10:14:34;0.38;1.35;1.0;1.0\n");

    Recording recording = CsvReader.read(file, ColumnSpec.defaults());

    Series series = recording.series().get(0);
    assertThat(recording.channels()).containsExactly("Pressure", "Current");
    assertThat(series.rows()).isEqualTo(2);
    assertThat(series.time(1) - series.time(0)).isEqualTo(1000);
    assertThat(series.value(1, 0)).isEqualTo(0.38f);
    assertThat(series.isLabelled()).isTrue();
    assertThat(series.label(0)).isFalse();
    assertThat(series.label(1)).isTrue();
  }

  @Test
  void readsCommaFilesWithEpochMillisAndChosenChannelsInTheChosenOrder() throws IOException {
    Path file = write("d.csv", "time,a,b,c\n1000,1,2,3\n2000,4,5,6\n");

    Recording recording =
        CsvReader.read(file, ColumnSpec.defaults().withChannels(List.of("c", "a")));

    assertThat(recording.channels()).containsExactly("c", "a");
    assertThat(recording.series().get(0).value(1, 0)).isEqualTo(6f);
    assertThat(recording.series().get(0).value(1, 1)).isEqualTo(4f);
    assertThat(recording.series().get(0).isLabelled()).isFalse();
  }

  @Test
  void emptyValuesAreMissing() throws IOException {
    Path file = write("m.csv", "time,a,b\n1000,,2\n2000,NaN,null\n");

    Series series = CsvReader.read(file, ColumnSpec.defaults()).series().get(0);

    assertThat(series.value(0, 0)).isNaN();
    assertThat(series.value(0, 1)).isEqualTo(2f);
    assertThat(series.value(1, 1)).isNaN();
  }

  @Test
  void aDeviceColumnSplitsTheRowsIntoOneSeriesPerDevice() throws IOException {
    Path file =
        write(
            "fleet.csv",
            "time,device,a\n2026-01-01T00:00:01Z,p1,1\n2026-01-01T00:00:01Z,p2,5\n"
                + "2026-01-01T00:00:00Z,p1,0\n");

    Recording recording = CsvReader.read(file, new ColumnSpec(null, List.of(), null, "device"));

    assertThat(recording.series()).extracting(Series::name).containsExactly("p1", "p2");
    Series p1 = recording.series().get(0);
    assertThat(p1.rows()).isEqualTo(2);
    assertThat(p1.value(0, 0)).as("rows are sorted by time").isEqualTo(0f);
  }

  @Test
  void readsTheSimulatorsCsvWithItsDeviceColumnAndWithoutItsTextColumn() throws IOException {
    Path file =
        write(
            "sim.csv",
            "device_id,timestamp,pressure,flow,anomaly,anomaly_kind\n"
                + "device-000,2026-01-01T00:00:00Z,4.1,2.0,0,\n"
                + "device-001,2026-01-01T00:00:00Z,4.0,2.1,1,SPIKE\n");

    Recording recording = CsvReader.read(file, ColumnSpec.defaults());

    assertThat(recording.channels()).containsExactly("pressure", "flow");
    assertThat(recording.series())
        .extracting(Series::name)
        .containsExactly("device-000", "device-001");
    assertThat(recording.series().get(1).label(0)).isTrue();
  }

  @Test
  void anUnknownChannelIsRefusedWithTheColumnsThatExist() throws IOException {
    Path file = write("d.csv", "time,a,b\n1000,1,2\n");

    assertThatThrownBy(
            () -> CsvReader.read(file, ColumnSpec.defaults().withChannels(List.of("pressure"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 'pressure' is not in the header, expected one of [time, a, b]");
  }

  @Test
  void aValueThatIsNotANumberIsRefusedWithItsLineAndColumn() throws IOException {
    Path file = write("d.csv", "time,a\n1000,1\n2000,high\n");

    assertThatThrownBy(() -> CsvReader.read(file, ColumnSpec.defaults().withChannels(List.of("a"))))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 3 column 'a' is 'high', expected a number");
    assertThatThrownBy(() -> CsvReader.read(file, ColumnSpec.defaults()))
        .as("a column that is not chosen by name and holds text is not a channel")
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": no numeric channel was found");
  }

  @Test
  void aShortLineIsRefusedWithItsLineNumber() throws IOException {
    Path file = write("d.csv", "time,a,b\n1000,1\n");

    assertThatThrownBy(() -> CsvReader.read(file, ColumnSpec.defaults()))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 2 has 2 values, expected 3");
  }

  @Test
  void aBadRowAmongGoodOnesFailsByDefaultWithTheFileAndItsLine() throws IOException {
    Path file = write("plant.csv", WITH_BAD_ROWS);

    assertThatThrownBy(() -> CsvReader.read(file, A_AND_B))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 3 has 2 values, expected 4");
    assertThatThrownBy(() -> CsvReader.read(file, A_AND_B, BadRows.fail()))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 3 has 2 values, expected 4");
    assertThatThrownBy(() -> DataFiles.read(file, A_AND_B))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": line 3 has 2 values, expected 4");
  }

  @Test
  void skippingReadsEveryGoodRowAndReportsEachBadOneWithFileLineAndReason() throws IOException {
    Path file = write("plant.csv", WITH_BAD_ROWS);
    List<BadRows.BadRow> reported = new ArrayList<>();
    BadRows badRows = BadRows.skip(reported::add);

    Series series = CsvReader.read(file, A_AND_B, badRows).series().get(0);

    assertThat(series.rows()).isEqualTo(3);
    assertThat(List.of(series.time(0), series.time(1), series.time(2)))
        .containsExactly(1000L, 3000L, 7000L);
    assertThat(List.of(series.value(0, 0), series.value(1, 0), series.value(2, 0)))
        .containsExactly(1f, 3f, 7f);
    assertThat(series.label(2)).isTrue();
    assertThat(badRows.count()).isEqualTo(4);
    String noon =
        "time 'noon' is not epoch milliseconds, an ISO-8601 instant or a local date-time"
            + " (yyyy-MM-dd HH:mm:ss)";
    assertThat(reported)
        .containsExactly(
            new BadRows.BadRow(
                file.toString(),
                3,
                "has 2 values, expected 4",
                file + ": line 3 has 2 values, expected 4"),
            new BadRows.BadRow(file.toString(), 6, noon, file + ": line 6: " + noon),
            new BadRows.BadRow(
                file.toString(),
                7,
                "column 'a' is 'high', expected a number",
                file + ": line 7 column 'a' is 'high', expected a number"),
            new BadRows.BadRow(
                file.toString(),
                8,
                "column 'b' is 1e999, expected finite",
                file + ": line 8 column 'b' is 1e999, expected finite"));
    assertThat(badRows.first()).isEqualTo(reported);
  }

  @Test
  void eachSkippedRowIsReportedAsTheDefaultWouldHaveFailedOnIt() throws IOException {
    String header = "time,a,b,anomaly\n1000,1,10,0\n";
    for (String bad : List.of("2000,2", "noon,4,40,0", "5000,high,50,0", "6000,6,1e999,1")) {
      Path file = write("one.csv", header + bad + "\n");
      BadRows badRows = BadRows.skip();

      CsvReader.read(file, A_AND_B, badRows);

      assertThat(badRows.count()).as(bad).isEqualTo(1);
      assertThatThrownBy(() -> CsvReader.read(file, A_AND_B))
          .as(bad)
          .hasMessage(badRows.first().get(0).message());
    }
  }

  @Test
  void aSkippedRowDoesNotMakeAColumnLookLikeText() throws IOException {
    // Read on its own, 'x' in column a would make a a text column; the row is bad for b, though.
    Path file = write("d.csv", "time,a,b\n1000,1,2\n2000,x,1e999\n3000,3,4\n");
    BadRows badRows = BadRows.skip();

    Recording recording = CsvReader.read(file, ColumnSpec.defaults(), badRows);

    assertThat(badRows.count()).isEqualTo(1);
    assertThat(recording.channels()).containsExactly("a", "b");
    assertThat(recording.series().get(0).rows()).isEqualTo(2);
  }

  @Test
  void problemsWithTheFileAsAWholeFailWhenSkippingToo() throws IOException {
    Path empty = write("empty.csv", "");
    Path text = write("text.csv", "time,site\n1000,north\n");
    Path allBad = write("bad.csv", "time,a\nnoon,1\n2000,1,2\n");
    BadRows badRows = BadRows.skip();

    assertThatThrownBy(() -> CsvReader.read(empty, ColumnSpec.defaults(), badRows))
        .isInstanceOf(DataException.class)
        .hasMessage(empty + ": the file is empty, expected a header line");
    assertThatThrownBy(
            () ->
                CsvReader.read(
                    text, ColumnSpec.defaults().withChannels(List.of("pressure")), badRows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 'pressure' is not in the header, expected one of [time, site]");
    assertThatThrownBy(() -> CsvReader.read(text, ColumnSpec.defaults(), badRows))
        .isInstanceOf(DataException.class)
        .hasMessage(text + ": no numeric channel was found");
    assertThat(badRows.count()).as("no row was bad").isZero();
    assertThatThrownBy(() -> CsvReader.read(allBad, ColumnSpec.defaults(), badRows))
        .isInstanceOf(DataException.class)
        .hasMessage(allBad + ": no rows were read");
    assertThat(badRows.count()).isEqualTo(2);
  }

  @Test
  void quotedFieldsMayHoldTheSeparator() {
    assertThat(CsvReader.split("\"a,b\",c,\"say \"\"hi\"\"\"", ','))
        .containsExactly("a,b", "c", "say \"hi\"");
  }
}
