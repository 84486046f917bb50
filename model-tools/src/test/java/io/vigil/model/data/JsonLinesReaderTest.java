package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
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
}
