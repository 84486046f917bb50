package io.vigil.core.window;

import java.util.Arrays;

/**
 * The values of all channels of one device at one instant, in feature order, with NaN marking a
 * missing value (absent channel, or a sensor that reported no reading). Immutable.
 */
public final class Frame {
  private final long time;
  private final double[] values;

  private Frame(long time, double[] values) {
    this.time = time;
    this.values = values;
  }

  /**
   * Creates a frame; NaN marks a missing value, infinities are refused.
   *
   * @param time event time, epoch millis
   * @param values one value per channel in feature order, NaN where missing
   * @return the frame
   */
  public static Frame of(long time, double... values) {
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      if (Double.isInfinite(copy[i])) {
        throw new IllegalArgumentException(
            "frame at "
                + time
                + ": channel "
                + i
                + " is "
                + copy[i]
                + "; expected a finite value or NaN for missing");
      }
    }
    return new Frame(time, copy);
  }

  /**
   * A frame over {@code values} as they are, without the copy and check of {@link #of}: for arrays
   * the window package owns and built from frames that were checked (the reorder buffer's).
   */
  static Frame wrap(long time, double[] values) {
    return new Frame(time, values);
  }

  /**
   * Returns the event time.
   *
   * @return epoch millis
   */
  public long time() {
    return time;
  }

  /**
   * Returns the number of channels.
   *
   * @return the channel count
   */
  public int channelCount() {
    return values.length;
  }

  /**
   * Returns one channel's value.
   *
   * @param channel index in feature order
   * @return the value, NaN when missing
   */
  public double value(int channel) {
    return values[channel];
  }

  /**
   * Whether a channel has no value.
   *
   * @param channel index in feature order
   * @return true when missing
   */
  public boolean isMissing(int channel) {
    return Double.isNaN(values[channel]);
  }

  /**
   * Returns all values.
   *
   * @return a copy, NaN where missing
   */
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame other && time == other.time && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(time) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Frame[" + time + ", " + Arrays.toString(values) + "]";
  }
}
