package io.vigil.core.window;

/**
 * A device's frames waiting to be released in time order: a circular array kept sorted by time.
 * Frames mostly arrive in order, so an insertion lands at the end without moving anything, and a
 * release takes the front; only a frame that overtakes others moves the ones it overtakes. It
 * replaces a {@code TreeMap<Long, double[]>}, whose boxed keys and scattered nodes cost a cache
 * miss or more per frame for every one of thousands of devices. Not thread-safe.
 */
final class ReorderBuffer {
  private long[] times = new long[4];
  private double[][] values = new double[4][];
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The values buffered for exactly {@code time}, or null. */
  double[] get(long time) {
    for (int i = size - 1; i >= 0; i--) {
      long t = times[index(i)];
      if (t == time) {
        return values[index(i)];
      }
      if (t < time) {
        return null;
      }
    }
    return null;
  }

  /** Buffers a frame whose time is not buffered yet, in its place. */
  void put(long time, double[] frame) {
    if (size == times.length) {
      grow();
    }
    int at = size;
    while (at > 0 && times[index(at - 1)] > time) {
      times[index(at)] = times[index(at - 1)];
      values[index(at)] = values[index(at - 1)];
      at--;
    }
    times[index(at)] = time;
    values[index(at)] = frame;
    size++;
  }

  /** The time of the oldest frame; the buffer must not be empty. */
  long firstTime() {
    return times[head];
  }

  /** The oldest frame's values; the buffer must not be empty. */
  double[] firstValues() {
    return values[head];
  }

  /** Drops the oldest frame; the buffer must not be empty. */
  void removeFirst() {
    values[head] = null;
    head = (head + 1) % times.length;
    size--;
  }

  /** The time of the {@code i}-th oldest frame. */
  long time(int i) {
    return times[index(i)];
  }

  /** The values of the {@code i}-th oldest frame. */
  double[] values(int i) {
    return values[index(i)];
  }

  private int index(int i) {
    int j = head + i;
    return j < times.length ? j : j - times.length;
  }

  private void grow() {
    long[] t = new long[times.length * 2];
    double[][] v = new double[times.length * 2][];
    for (int i = 0; i < size; i++) {
      t[i] = times[index(i)];
      v[i] = values[index(i)];
    }
    times = t;
    values = v;
    head = 0;
  }
}
