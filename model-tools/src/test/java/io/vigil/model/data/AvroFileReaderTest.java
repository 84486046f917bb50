package io.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.TelemetryFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroFileReaderTest {
  @TempDir Path dir;

  @Test
  void readsTelemetryFrameContainerFiles() throws IOException {
    Path file = dir.resolve("frames.avro");
    try (DataFileWriter<TelemetryFrame> out =
        new DataFileWriter<>(new SpecificDatumWriter<>(TelemetryFrame.class))) {
      out.create(TelemetryFrame.getClassSchema(), file.toFile());
      for (int k = 0; k < 3; k++) {
        Map<String, Double> channels = new LinkedHashMap<>();
        channels.put("pressure", 1.0 + k);
        channels.put("flow", k == 1 ? null : 10.0 * k);
        out.append(new TelemetryFrame("pump-1", Instant.ofEpochMilli(1000L * k), channels, null));
      }
    }

    Recording recording = AvroFileReader.read(file, ColumnSpec.defaults());

    Series series = recording.series().get(0);
    assertThat(series.name()).isEqualTo("pump-1");
    assertThat(recording.channels()).containsExactlyInAnyOrder("pressure", "flow");
    int flow = recording.channels().indexOf("flow");
    assertThat(series.rows()).isEqualTo(3);
    assertThat(series.value(1, flow)).isNaN();
    assertThat(series.value(2, flow)).isEqualTo(20f);
    assertThat(series.time(2)).isEqualTo(2000);
  }

  @Test
  void readsFlatRecordsWithATimeFieldAndLabels() throws IOException {
    Schema schema =
        SchemaBuilder.record("Row")
            .fields()
            .requiredLong("timestamp")
            .requiredDouble("a")
            .optionalDouble("b")
            .requiredInt("anomaly")
            .endRecord();
    Path file = dir.resolve("rows.avro");
    try (DataFileWriter<GenericRecord> out =
        new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      out.create(schema, file.toFile());
      for (int k = 0; k < 2; k++) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("timestamp", 5000L + k);
        row.put("a", 0.5 * k);
        row.put("b", null);
        row.put("anomaly", k);
        out.append(row);
      }
    }

    Recording recording = AvroFileReader.read(file, ColumnSpec.defaults());

    Series series = recording.series().get(0);
    assertThat(recording.channels()).containsExactly("a", "b");
    assertThat(series.time(1)).isEqualTo(5001);
    assertThat(series.value(1, 0)).isEqualTo(0.5f);
    assertThat(series.value(0, 1)).isNaN();
    assertThat(series.label(0)).isFalse();
    assertThat(series.label(1)).isTrue();
  }

  @Test
  void aRecordWithABadTimeFailsByDefaultAndIsSkippedAndReportedOnRequest() throws IOException {
    Schema schema =
        SchemaBuilder.record("Row").fields().requiredString("time").requiredDouble("a").endRecord();
    Path file = dir.resolve("rows.avro");
    try (DataFileWriter<GenericRecord> out =
        new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      out.create(schema, file.toFile());
      List<String> times = List.of("2026-01-01T00:00:00Z", "soon", "2026-01-01T00:00:02Z");
      for (int k = 0; k < times.size(); k++) {
        GenericRecord row = new GenericData.Record(schema);
        row.put("time", times.get(k));
        row.put("a", (double) k);
        out.append(row);
      }
    }
    String reason =
        "time 'soon' is not epoch milliseconds, an ISO-8601 instant or a local date-time"
            + " (yyyy-MM-dd HH:mm:ss)";

    assertThatThrownBy(() -> AvroFileReader.read(file, ColumnSpec.defaults()))
        .isInstanceOf(DataException.class)
        .hasMessage(file + ": record 1: " + reason);

    BadRows badRows = BadRows.skip();
    Series series = AvroFileReader.read(file, ColumnSpec.defaults(), badRows).series().get(0);

    assertThat(series.rows()).isEqualTo(2);
    assertThat(series.value(1, 0)).isEqualTo(2f);
    assertThat(badRows.count()).isEqualTo(1);
    assertThat(badRows.first())
        .containsExactly(
            new BadRows.BadRow(file.toString(), 1, reason, file + ": record 1: " + reason));
  }
}
