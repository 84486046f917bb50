package io.vigil.core.threshold;

/**
 * The most recent values up to a capacity, oldest first: the memory of the thresholds that keep a
 * bounded window of scores or excesses. A full ring overwrites its oldest value. Sums run oldest
 * first, and {@link #ordered()} / {@link #fill(double[])} are what the thresholds store and
 * restore, so a restored ring sums bit for bit like the original.
 */
final class ScoreRing {
  private final double[] values;
  private int start;
  private int size;

  /**
   * @param capacity the most values kept, at least 1
   */
  ScoreRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ", expected >= 1");
    }
    values = new double[capacity];
  }

  int capacity() {
    return values.length;
  }

  int size() {
    return size;
  }

  /** Adds a value, dropping the oldest when full. */
  void push(double value) {
    if (size < values.length) {
      values[(start + size) % values.length] = value;
      size++;
    } else {
      values[start] = value;
      start = (start + 1) % values.length;
    }
  }

  /** The sum of the newest {@code count} values (all when fewer), added oldest first. */
  double sumOfNewest(int count) {
    double sum = 0;
    for (int i = size - Math.min(count, size); i < size; i++) {
      sum += values[(start + i) % values.length];
    }
    return sum;
  }

  /** The values, oldest first. */
  double[] ordered() {
    double[] ordered = new double[size];
    for (int i = 0; i < size; i++) {
      ordered[i] = values[(start + i) % values.length];
    }
    return ordered;
  }

  /** Pushes {@code ordered}, oldest first. */
  void fill(double[] ordered) {
    for (double value : ordered) {
      push(value);
    }
  }

  /** A copy, with the same capacity. */
  ScoreRing copy() {
    ScoreRing copy = new ScoreRing(values.length);
    copy.fill(ordered());
    return copy;
  }
}
