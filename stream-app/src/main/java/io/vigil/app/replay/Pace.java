package io.vigil.app.replay;

import java.util.Locale;

/**
 * How fast a replay publishes: as fast as possible, or at {@code speed} times the recorded pace (1
 * = real time: frames an hour apart in event time are published an hour apart).
 *
 * @param speed 0 for as fast as possible, else the factor on the recorded pace, > 0
 */
public record Pace(double speed) {

  /** As fast as possible. */
  public static final Pace MAX = new Pace(0);

  /** Validates the speed. */
  public Pace {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException(
          "pace speed = " + speed + ", expected 0 (as fast as possible) or a positive factor");
    }
  }

  /**
   * Parses {@code max}, {@code realtime} or {@code xN} (e.g. {@code x10}, {@code x0.5}).
   *
   * @param text the pace
   * @return the pace
   * @throws IllegalArgumentException saying what is expected
   */
  public static Pace parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("max")) {
      return MAX;
    }
    if (t.equals("realtime")) {
      return new Pace(1);
    }
    if (t.startsWith("x")) {
      try {
        double speed = Double.parseDouble(t.substring(1));
        if (speed > 0 && !Double.isInfinite(speed)) {
          return new Pace(speed);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "pace '" + text + "' is invalid, expected max, realtime or xN (e.g. x10)");
  }

  /**
   * Returns how long after the replay's start a frame is due.
   *
   * @param eventOffsetMillis the frame's event time minus the first frame's
   * @return wall-clock milliseconds, 0 as fast as possible
   */
  public long dueMillis(long eventOffsetMillis) {
    return speed == 0 ? 0 : (long) (eventOffsetMillis / speed);
  }
}
