package io.vigil.core.window;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.Arrays;

/**
 * Applies a {@link GapFillPolicy} to frames in time order: remembers each channel's last value and
 * when it was seen, fills missing values from it while it is young enough, and marks the frame
 * unscorable otherwise.
 */
public final class GapFiller {
  private static final long NEVER = Long.MIN_VALUE;

  private final GapFillPolicy policy;
  private final double[] lastValues;
  private final long[] lastSeen;

  /**
   * Creates a filler that has seen nothing.
   *
   * @param policy the policy
   * @param channels the number of channels
   */
  public GapFiller(GapFillPolicy policy, int channels) {
    this.policy = policy;
    this.lastValues = new double[channels];
    this.lastSeen = new long[channels];
    Arrays.fill(lastSeen, NEVER);
  }

  /**
   * The result of filling one frame.
   *
   * @param time the frame time
   * @param values the values after filling (NaN remains only where unfillable)
   * @param unfillableChannel the first channel that could not be filled, or -1 when scorable
   * @param lastSeen when that channel was last seen, or {@code Long.MIN_VALUE} if never
   */
  public record Filled(long time, double[] values, int unfillableChannel, long lastSeen) {
    /**
     * Whether every channel has a value.
     *
     * @return true when the frame can be scored
     */
    public boolean scorable() {
      return unfillableChannel < 0;
    }
  }

  /**
   * Fills one frame; frames must come in time order.
   *
   * @param frame the frame
   * @return the filled values and whether the frame is scorable
   */
  public Filled fill(Frame frame) {
    if (frame.channelCount() != lastValues.length) {
      throw new IllegalArgumentException(
          "frame at "
              + frame.time()
              + " has "
              + frame.channelCount()
              + " channels, expected "
              + lastValues.length);
    }
    double[] values = frame.values();
    int unfillable = -1;
    long unfillableSeen = NEVER;
    for (int c = 0; c < values.length; c++) {
      if (!Double.isNaN(values[c])) {
        lastValues[c] = values[c];
        lastSeen[c] = frame.time();
      } else if (lastSeen[c] != NEVER && policy.canCarry(lastSeen[c], frame.time())) {
        values[c] = lastValues[c];
      } else if (unfillable < 0) {
        unfillable = c;
        unfillableSeen = lastSeen[c];
      }
    }
    return new Filled(frame.time(), values, unfillable, unfillableSeen);
  }

  void write(StateWriter out) {
    out.putDoubles(lastValues);
    for (long seen : lastSeen) {
      out.putLong(seen);
    }
  }

  void read(StateReader in) {
    double[] values = in.getDoubles("lastValues", lastValues.length);
    if (values.length != lastValues.length) {
      throw in.invalid(
          "lastValues", "has " + values.length + " channels, expected " + lastValues.length);
    }
    System.arraycopy(values, 0, lastValues, 0, values.length);
    for (int c = 0; c < lastSeen.length; c++) {
      lastSeen[c] = in.getLong("lastSeen");
    }
  }
}
