package io.vigil.app.ingest;

import io.vigil.schemas.DeadLetterReason;
import java.time.Instant;
import java.util.Locale;

/**
 * The checks every telemetry value and timestamp passes at ingest, for frames and readings alike: a
 * value must be finite and within float32's range (the model computes in float32, where {@code
 * 1e39} is infinite), and an event time must not be further ahead of the wall clock than the
 * configured skew (one such frame would otherwise move its device's stream time forward for good,
 * and every later real frame would be late).
 */
public final class ValueChecks {
  private final long maxFutureSkewMillis;

  /** A refused value or timestamp: the dead-letter reason and its message. */
  public record Refusal(DeadLetterReason reason, String message) {}

  public ValueChecks(long maxFutureSkewMillis) {
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  /** Why {@code value} of {@code channel} is refused, or null when it is acceptable. */
  public static Refusal value(String device, Instant time, String channel, Double value) {
    if (value == null) {
      return null;
    }
    double v = value;
    if (!Double.isFinite(v)) {
      return new Refusal(
          DeadLetterReason.NON_FINITE_VALUE,
          String.format(
              Locale.ROOT,
              "device '%s' at %s: channel '%s' is %s; expected a finite number or null",
              device,
              time,
              channel,
              value));
    }
    if (Math.abs(v) > Float.MAX_VALUE) {
      return new Refusal(
          DeadLetterReason.OUT_OF_RANGE,
          String.format(
              Locale.ROOT,
              "device '%s' at %s: channel '%s' is %s, outside float32's finite range;"
                  + " expected a magnitude of at most %s",
              device,
              time,
              channel,
              value,
              Float.MAX_VALUE));
    }
    return null;
  }

  /** Why an event time is refused given the wall clock {@code now}, or null when acceptable. */
  public Refusal eventTime(String device, Instant time, long now) {
    long ahead = time.toEpochMilli() - now;
    if (ahead > maxFutureSkewMillis) {
      return new Refusal(
          DeadLetterReason.FUTURE,
          String.format(
              Locale.ROOT,
              "device '%s' at %s is %d ms ahead of the wall clock (%s); expected at most"
                  + " vigil.detection.max-future-skew.ms = %d ms ahead",
              device,
              time,
              ahead,
              Instant.ofEpochMilli(now),
              maxFutureSkewMillis));
    }
    return null;
  }
}
