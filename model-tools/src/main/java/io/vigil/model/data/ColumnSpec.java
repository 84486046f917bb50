package io.vigil.model.data;

import java.util.List;
import java.util.Locale;

/**
 * Which columns of a table are the time, the channels, the label and the device.
 *
 * @param timeColumn the time column; null to take the first of {@link #TIME_NAMES} present, else
 *     the first column
 * @param channels the channels to read, in model order; empty for every numeric column that is not
 *     the time, label or device (and not a {@link #NON_CHANNELS} column)
 * @param labelColumn the label column (non-zero = anomalous); null to use the first of {@link
 *     #LABEL_NAMES} present
 * @param deviceColumn a column naming the device, whose rows then form one series per device; null
 *     to use one of {@link #DEVICE_NAMES} when present, else the whole table is one series
 */
public record ColumnSpec(
    String timeColumn, List<String> channels, String labelColumn, String deviceColumn) {

  /** Time column names recognised when none is given, compared case-insensitively. */
  public static final List<String> TIME_NAMES =
      List.of("time", "timestamp", "datetime", "eventtime", "event_time", "date");

  /** Device column names recognised when none is given, e.g. the simulator's CSV. */
  public static final List<String> DEVICE_NAMES = List.of("device_id", "deviceId", "device");

  /** The label column used when none is given. */
  public static final String DEFAULT_LABEL = "anomaly";

  /** Label column names recognised when none is given, the first present wins. */
  public static final List<String> LABEL_NAMES = List.of(DEFAULT_LABEL, "label", "is_anomaly");

  /** Columns never taken as channels by default: SKAB's change-point marks. */
  public static final List<String> NON_CHANNELS = List.of("changepoint");

  /** Copies the channel list; blank names are refused. */
  public ColumnSpec {
    channels = channels == null ? List.of() : List.copyOf(channels);
    for (String channel : channels) {
      if (channel.isBlank()) {
        throw new IllegalArgumentException("channels contains a blank name: " + channels);
      }
    }
    if (channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException("channels names a channel twice: " + channels);
    }
  }

  /** Returns the defaults: detected time column, every channel, label {@code anomaly}. */
  public static ColumnSpec defaults() {
    return new ColumnSpec(null, List.of(), null, null);
  }

  /** Returns a copy reading only these channels, in this order. */
  public ColumnSpec withChannels(List<String> names) {
    return new ColumnSpec(timeColumn, names, labelColumn, deviceColumn);
  }

  /** Returns the index of the time column among {@code header}, or -1 when there is none. */
  int timeIndex(List<String> header) {
    if (timeColumn != null) {
      return requireIndex(header, timeColumn, "time column");
    }
    for (int i = 0; i < header.size(); i++) {
      if (TIME_NAMES.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return 0;
  }

  /** Returns the index of the label column, or -1 when the table is unlabelled. */
  int labelIndex(List<String> header) {
    if (labelColumn != null) {
      return requireIndex(header, labelColumn, "label column");
    }
    for (String name : LABEL_NAMES) {
      if (header.contains(name)) {
        return header.indexOf(name);
      }
    }
    return -1;
  }

  /** Returns the index of the device column, or -1. */
  int deviceIndex(List<String> header) {
    if (deviceColumn != null) {
      return requireIndex(header, deviceColumn, "device column");
    }
    for (String name : DEVICE_NAMES) {
      if (header.contains(name)) {
        return header.indexOf(name);
      }
    }
    return -1;
  }

  /** Returns whether a column may be a default channel. */
  static boolean isDefaultChannel(String column) {
    return !NON_CHANNELS.contains(column.trim().toLowerCase(Locale.ROOT));
  }

  static int requireIndex(List<String> header, String name, String what) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is not in the header, expected one of " + header);
    }
    return index;
  }
}
