package io.vigil.simulate;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes univariate rows as CSV with their labels: {@code device_id,timestamp,value,anomaly,
 * anomaly_kind}, the timestamp as an ISO-8601 instant, {@code anomaly} 1 inside an injected anomaly
 * and 0 outside, {@code anomaly_kind} the kind's name or empty.
 */
public final class UnivariateCsv {
  /** The header line, without its line end. */
  public static final String HEADER = "device_id,timestamp,value,anomaly,anomaly_kind";

  private final Writer out;

  public UnivariateCsv(Writer out) throws IOException {
    this.out = out;
    out.write(HEADER + "\n");
  }

  /** Writes one row. */
  public void write(UnivariateRow row) throws IOException {
    out.write(
        String.format(
            Locale.ROOT,
            "%s,%s,%.6f,%s,%s\n",
            row.deviceId(),
            row.time(),
            row.value(),
            row.anomalous() ? "1" : "0",
            row.anomalous() ? row.anomaly().kind().name() : ""));
  }
}
