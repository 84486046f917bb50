package io.vigil.model.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers rows from any reader, grouped by device, and turns them into {@link Series} with the
 * requested channels: the channels named by the {@link ColumnSpec}, or every channel seen, in order
 * of first appearance. Rows are sorted by time (stably: rows with equal times keep their order).
 */
final class RowCollector {
  /** One row as read: its time, channel values by name, and label (null when unlabelled). */
  private record Row(long time, Map<String, Double> values, Boolean label) {}

  private final String source;
  private final List<String> wanted;
  private final Map<String, List<Row>> byDevice = new LinkedHashMap<>();
  private final Set<String> seen = new LinkedHashSet<>();

  RowCollector(String source, ColumnSpec spec) {
    this.source = source;
    this.wanted = spec.channels();
  }

  /**
   * Adds a row.
   *
   * @param device the device, or the file name when the data is one series
   * @param time epoch milliseconds
   * @param values channel values by name; null values mean missing
   * @param label true for anomalous, null when unlabelled
   */
  void add(String device, long time, Map<String, Double> values, Boolean label) {
    seen.addAll(values.keySet());
    byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(new Row(time, values, label));
  }

  /** Leaves a channel out of the default channel list, e.g. a column found to hold text. */
  void exclude(String channel) {
    seen.remove(channel);
  }

  /** Returns the rows as series, one per device, in order of first appearance. */
  Recording build() {
    if (byDevice.isEmpty()) {
      throw new DataException(source, "no rows were read");
    }
    List<String> channels = wanted.isEmpty() ? List.copyOf(seen) : wanted;
    if (channels.isEmpty()) {
      throw new DataException(source, "no numeric channel was found");
    }
    for (String channel : channels) {
      if (!seen.contains(channel)) {
        throw new IllegalArgumentException(
            "channel '" + channel + "' is not in " + source + ", expected one of " + seen);
      }
    }
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, List<Row>> device : byDevice.entrySet()) {
      List<Row> rows = new ArrayList<>(device.getValue());
      rows.sort(Comparator.comparingLong(Row::time));
      series.add(toSeries(device.getKey(), channels, rows));
    }
    return new Recording(source, series);
  }

  private static Series toSeries(String name, List<String> channels, List<Row> rows) {
    int f = channels.size();
    long[] times = new long[rows.size()];
    float[] values = new float[rows.size() * f];
    boolean labelled = rows.stream().anyMatch(r -> r.label() != null);
    boolean[] labels = labelled ? new boolean[rows.size()] : null;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      times[i] = row.time();
      for (int k = 0; k < f; k++) {
        Double value = row.values().get(channels.get(k));
        values[i * f + k] = value == null ? Float.NaN : value.floatValue();
      }
      if (labels != null) {
        labels[i] = Boolean.TRUE.equals(row.label());
      }
    }
    return new Series(name, channels, times, values, labels);
  }
}
