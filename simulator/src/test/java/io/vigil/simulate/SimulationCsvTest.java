package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationCsvTest {

  @Test
  void writesAHeaderAndLabelledRows() throws IOException {
    StringWriter out = new StringWriter();
    SimulationCsv csv = new SimulationCsv(out, List.of("pressure", "flow"));
    Instant t = Instant.parse("2026-01-01T00:00:05Z");
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("pressure", 4.5);
    values.put("flow", null);
    InjectedAnomaly spike = new InjectedAnomaly("d#1", "d", AnomalyKind.SPIKE, "pressure", t, t);
    csv.write(new SimulatedFrame("d", t, 5, values, spike));
    csv.write(
        new SimulatedFrame("d", t.plusSeconds(1), 6, Map.of("pressure", 1.0, "flow", 2.0), null));

    assertThat(out.toString())
        .isEqualTo(
            "device_id,timestamp,pressure,flow,anomaly,anomaly_kind\n"
                + "d,2026-01-01T00:00:05Z,4.500000,,1,SPIKE\n"
                + "d,2026-01-01T00:00:06Z,1.000000,2.000000,0,\n");
  }
}
