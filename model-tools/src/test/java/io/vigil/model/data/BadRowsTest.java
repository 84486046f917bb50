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

class BadRowsTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void failingIsTheDefaultAndCountsNothing() {
    BadRows fail = BadRows.fail();

    assertThat(fail.skips()).isFalse();
    assertThat(fail.count()).isZero();
    assertThat(fail.first()).isEmpty();
    assertThat(BadRows.skip().skips()).isTrue();
  }

  @Test
  void oneInstanceCountsTheBadRowsOfEveryFileAndNamesTheFileOfEach() throws IOException {
    Path csv = write("a.csv", "time,pressure\n1000,1\n2000,oops\n3000,3\n");
    Path jsonl =
        write(
            "b.jsonl",
            "{\"time\":4000,\"pressure\":4}\n{\"time\":5000,\"pressure\":\"x\"}\n"
                + "{\"time\":6000,\"pressure\":6}\n");
    List<BadRows.BadRow> reported = new ArrayList<>();
    BadRows badRows = BadRows.skip(reported::add);

    Recording recording =
        DataFiles.read(
            List.of(csv, jsonl), ColumnSpec.defaults().withChannels(List.of("pressure")), badRows);

    assertThat(recording.rows()).isEqualTo(4);
    assertThat(badRows.count()).isEqualTo(2);
    assertThat(reported)
        .extracting(BadRows.BadRow::message)
        .containsExactly(
            csv + ": line 3 column 'pressure' is 'oops', expected a number",
            jsonl + ": line 2 field 'pressure' is \"x\", expected a number");
    assertThatThrownBy(
            () ->
                DataFiles.read(
                    List.of(csv, jsonl), ColumnSpec.defaults().withChannels(List.of("pressure"))))
        .isInstanceOf(DataException.class)
        .hasMessage(csv + ": line 3 column 'pressure' is 'oops', expected a number");
  }

  @Test
  void keepsTheFirstFewForASummaryAndCountsThemAll() throws IOException {
    StringBuilder content = new StringBuilder("time,a\n1000,1\n");
    int bad = BadRows.KEPT + 3;
    for (int k = 0; k < bad; k++) {
      content.append("noon,").append(k).append('\n');
    }
    Path file = write("many.csv", content.toString());
    List<BadRows.BadRow> reported = new ArrayList<>();
    BadRows badRows = BadRows.skip(reported::add);

    DataFiles.read(file, ColumnSpec.defaults(), badRows);

    assertThat(badRows.count()).isEqualTo(bad);
    assertThat(reported).hasSize(bad);
    assertThat(badRows.first())
        .extracting(BadRows.BadRow::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L)
        .hasSize(BadRows.KEPT);
  }
}
