package io.vigil.simulate;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes simulated frames as CSV with their labels: {@code device_id,timestamp,<channels...>,
 * anomaly,anomaly_kind}, the timestamp as an ISO-8601 instant, {@code anomaly} 1 inside an injected
 * anomaly and 0 outside, {@code anomaly_kind} the kind's name or empty.
 */
public final class SimulationCsv {
  private final Writer out;
  private final List<String> channels;

  public SimulationCsv(Writer out, List<String> channels) throws IOException {
    this.out = out;
    this.channels = List.copyOf(channels);
    StringJoiner header = new StringJoiner(",", "", "\n");
    header.add("device_id").add("timestamp");
    channels.forEach(header::add);
    header.add("anomaly").add("anomaly_kind");
    out.write(header.toString());
  }

  /** Writes one row. */
  public void write(SimulatedFrame frame) throws IOException {
    StringJoiner row = new StringJoiner(",", "", "\n");
    row.add(frame.deviceId()).add(frame.eventTime().toString());
    for (String channel : channels) {
      Double value = frame.channels().get(channel);
      row.add(value == null ? "" : String.format(Locale.ROOT, "%.6f", value));
    }
    row.add(frame.anomalous() ? "1" : "0");
    row.add(frame.anomalous() ? frame.anomaly().kind().name() : "");
    out.write(row.toString());
  }
}
