package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnivariateCsvTest {

  @Test
  void writesAHeaderAndLabelledRows() throws IOException {
    StringWriter out = new StringWriter();
    UnivariateCsv csv = new UnivariateCsv(out);
    Instant t = Instant.parse("2026-01-01T00:05:00Z");
    UnivariateAnomaly dip = new UnivariateAnomaly("d#1", "d", UnivariateAnomalyKind.DIP, t, t);
    csv.write(new UnivariateRow("d", t, 1, 41.5, dip));
    csv.write(new UnivariateRow("d", t.plusSeconds(300), 2, 97.25, null));

    assertThat(out.toString())
        .isEqualTo(
            "device_id,timestamp,value,anomaly,anomaly_kind\n"
                + "d,2026-01-01T00:05:00Z,41.500000,1,DIP\n"
                + "d,2026-01-01T00:10:00Z,97.250000,0,\n");
  }
}
