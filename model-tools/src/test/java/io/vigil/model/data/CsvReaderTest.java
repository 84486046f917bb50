package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
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
  void quotedFieldsMayHoldTheSeparator() {
    assertThat(CsvReader.split("\"a,b\",c,\"say \"\"hi\"\"\"", ','))
        .containsExactly("a,b", "c", "say \"hi\"");
  }
}
