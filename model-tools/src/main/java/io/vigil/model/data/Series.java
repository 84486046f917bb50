package io.vigil.model.data;

import java.util.Arrays;
import java.util.List;

/**
 * One device's (or one file's) rows in time order: a time, F channel values and, for labelled data,
 * whether the row is anomalous. Values are float32, as the model reads them; NaN marks a missing
 * value. Immutable; the arrays are copied in and out.
 */
public final class Series {
  private final String name;
  private final List<String> channels;
  private final long[] times;
  private final float[] values;
  private final boolean[] labels;

  /**
   * Creates a series.
   *
   * @param name where the rows came from, e.g. a file name or a device id
   * @param channels the F channel names, in column order, unique
   * @param times event times in epoch milliseconds, non-decreasing
   * @param values {@code [rows][F]} flat and row-major, NaN where missing
   * @param labels one per row, true for an anomalous row; null when the data is unlabelled
   */
  public Series(
      String name, List<String> channels, long[] times, float[] values, boolean[] labels) {
    this.name = name;
    this.channels = List.copyOf(channels);
    if (this.channels.isEmpty() || this.channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException(
          "series " + name + ": channels = " + channels + ", expected unique names, at least one");
    }
    if (values.length != (long) times.length * this.channels.size()) {
      throw new IllegalArgumentException(
          "series "
              + name
              + ": "
              + values.length
              + " values for "
              + times.length
              + " rows of "
              + this.channels.size()
              + " channels");
    }
    if (labels != null && labels.length != times.length) {
      throw new IllegalArgumentException(
          "series " + name + ": " + labels.length + " labels for " + times.length + " rows");
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) {
        throw new IllegalArgumentException(
            "series "
                + name
                + ": row "
                + i
                + " goes back in time ("
                + times[i]
                + " after "
                + times[i - 1]
                + ")");
      }
    }
    this.times = times.clone();
    this.values = values.clone();
    this.labels = labels == null ? null : labels.clone();
  }

  /** Returns where the rows came from. */
  public String name() {
    return name;
  }

  /** Returns the channel names, in column order. */
  public List<String> channels() {
    return channels;
  }

  /** Returns F. */
  public int channelCount() {
    return channels.size();
  }

  /** Returns the number of rows. */
  public int rows() {
    return times.length;
  }

  /** Returns the time of row {@code i}, epoch milliseconds. */
  public long time(int i) {
    return times[i];
  }

  /** Returns the value of channel {@code f} in row {@code i}; NaN when missing. */
  public float value(int i, int f) {
    return values[i * channels.size() + f];
  }

  /** Returns a copy of the values, {@code [rows][F]} flat. */
  public float[] values() {
    return values.clone();
  }

  /** Returns a copy of the times. */
  public long[] times() {
    return times.clone();
  }

  /** Returns whether the rows carry labels. */
  public boolean isLabelled() {
    return labels != null;
  }

  /**
   * Returns whether row {@code i} is labelled anomalous.
   *
   * @throws IllegalStateException if the series is unlabelled
   */
  public boolean label(int i) {
    if (labels == null) {
      throw new IllegalStateException("series " + name + " has no labels");
    }
    return labels[i];
  }

  /**
   * Returns rows {@code [from, to)} as a new series.
   *
   * @param from the first row, included
   * @param to the last row, excluded
   * @return the slice, named like this one
   */
  public Series slice(int from, int to) {
    if (from < 0 || to > rows() || from > to) {
      throw new IndexOutOfBoundsException(
          "rows [" + from + ", " + to + ") of a series of " + rows());
    }
    int f = channels.size();
    return new Series(
        name,
        channels,
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(values, from * f, to * f),
        labels == null ? null : Arrays.copyOfRange(labels, from, to));
  }

  /**
   * Returns the same rows with the channels reordered or reduced to {@code wanted}.
   *
   * @param wanted channel names, each present in this series
   * @return the series with exactly those channels, in that order
   * @throws IllegalArgumentException naming a channel that is absent and the ones present
   */
  public Series select(List<String> wanted) {
    if (wanted.equals(channels)) {
      return this;
    }
    int[] index = new int[wanted.size()];
    for (int k = 0; k < index.length; k++) {
      index[k] = channels.indexOf(wanted.get(k));
      if (index[k] < 0) {
        throw new IllegalArgumentException(
            "channel '" + wanted.get(k) + "' is not in " + name + ", expected one of " + channels);
      }
    }
    float[] selected = new float[rows() * index.length];
    for (int i = 0; i < rows(); i++) {
      for (int k = 0; k < index.length; k++) {
        selected[i * index.length + k] = value(i, index[k]);
      }
    }
    return new Series(name, wanted, times, selected, labels);
  }
}
