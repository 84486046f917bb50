package io.vigil.core.window;

import java.util.Arrays;
import java.util.List;

/**
 * W consecutive, gap-filled frames of one device in feature order, ready for the model: values as
 * float {@code [W][F]} plus the event times of the first and last frame. Immutable.
 */
public final class Window {
  private final List<String> channels;
  private final long[] frameTimes;
  private final float[][] values;

  Window(List<String> channels, long[] frameTimes, float[][] values) {
    this.channels = channels;
    this.frameTimes = frameTimes;
    this.values = values;
  }

  /**
   * Returns the event time of the first frame.
   *
   * @return epoch millis
   */
  public long startTime() {
    return frameTimes[0];
  }

  /**
   * Returns the event time of the last frame, the time the window is reported at.
   *
   * @return epoch millis
   */
  public long endTime() {
    return frameTimes[frameTimes.length - 1];
  }

  /**
   * Returns the event times of all frames.
   *
   * @return a copy, ascending
   */
  public long[] frameTimes() {
    return frameTimes.clone();
  }

  /**
   * Returns the feature names.
   *
   * @return the channels in order
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * Returns W.
   *
   * @return frames in the window
   */
  public int size() {
    return values.length;
  }

  /**
   * Returns one value.
   *
   * @param frame index in time order
   * @param channel index in feature order
   * @return the value
   */
  public float value(int frame, int channel) {
    return values[frame][channel];
  }

  /**
   * Returns the values as the model's input.
   *
   * @return a copy, {@code [W][F]}
   */
  public float[][] toArray() {
    float[][] copy = new float[values.length][];
    for (int t = 0; t < values.length; t++) {
      copy[t] = values[t].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Window other
        && channels.equals(other.channels)
        && Arrays.equals(frameTimes, other.frameTimes)
        && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * channels.hashCode() + Arrays.hashCode(frameTimes))
        + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "Window[" + startTime() + ".." + endTime() + ", " + Arrays.deepToString(values) + "]";
  }
}
