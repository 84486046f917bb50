package io.vigil.app.ingest;

import io.vigil.schemas.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The checks every telemetry value and timestamp passes at ingest, for frames and readings alike: a
 * device id must be non-blank and short, a channel name short; a value must be finite and within
 * float32's range (the model computes in float32, where {@code 1e39} is infinite); an event time
 * must not be before 1970 (Kafka refuses negative record timestamps, and the records forwarded
 * downstream carry the event time as theirs) nor further ahead of the wall clock than the
 * configured skew (one such frame would otherwise move its device's stream time forward for good,
 * and every later real frame would be late).
 */
public final class ValueChecks {
  /**
   * The longest device id accepted, in characters. A device id keys every store, changelog and
   * output record of its device and is repeated in its scores and dead letters: a 600 kB id would
   * make a single score record larger than Kafka's default 1 MiB request limit, which stops the
   * task that writes it. Real ids are far shorter (cloud IoT registries allow 128 characters).
   */
  public static final int MAX_DEVICE_ID_LENGTH = 256;

  /**
   * The longest channel (sensor) name accepted, in characters. Names the model does not know are
   * counted under their own name in a metric label and logged: a 600 kB name would be in every
   * scrape of the metrics endpoint.
   */
  public static final int MAX_CHANNEL_NAME_LENGTH = 256;

  private final long maxFutureSkewMillis;

  /** A refused value or timestamp: the dead-letter reason and its message. */
  public record Refusal(DeadLetterReason reason, String message) {}

  public ValueChecks(long maxFutureSkewMillis) {
    this.maxFutureSkewMillis = maxFutureSkewMillis;
  }

  /**
   * Why a device id is refused (MALFORMED), or null when it is acceptable; the message follows
   * "frame" or "reading".
   */
  public static Refusal deviceId(String deviceId) {
    if (deviceId.isBlank()) {
      return new Refusal(
          DeadLetterReason.MALFORMED,
          "has an empty deviceId; expected an id of 1 to " + MAX_DEVICE_ID_LENGTH + " characters");
    }
    if (deviceId.length() > MAX_DEVICE_ID_LENGTH) {
      return new Refusal(
          DeadLetterReason.MALFORMED,
          String.format(
              Locale.ROOT,
              "has a deviceId of %d characters ('%s...'); expected at most %d",
              deviceId.length(),
              deviceId.substring(0, 32),
              MAX_DEVICE_ID_LENGTH));
    }
    return null;
  }

  /** Why a channel (its name, then its value) is refused, or null when it is acceptable. */
  public static Refusal channel(String device, Instant time, String name, Double value) {
    Refusal refused = channelName(device, time, name);
    return refused != null ? refused : value(device, time, name, value);
  }

  /** Why a channel name is refused (MALFORMED), or null when it is acceptable. */
  private static Refusal channelName(String device, Instant time, String channel) {
    if (channel.length() <= MAX_CHANNEL_NAME_LENGTH) {
      return null;
    }
    return new Refusal(
        DeadLetterReason.MALFORMED,
        String.format(
            Locale.ROOT,
            "device '%s' at %s: a channel name of %d characters ('%s...'); expected at most %d",
            device,
            time,
            channel.length(),
            channel.substring(0, 32),
            MAX_CHANNEL_NAME_LENGTH));
  }

  /** Why {@code value} of {@code channel} is refused, or null when it is acceptable. */
  private static Refusal value(String device, Instant time, String channel, Double value) {
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

  /**
   * Why an event time is refused given the wall clock {@code now}, or null when acceptable. Any
   * {@link Instant} is handled, also those beyond the range of epoch milliseconds (a JSON frame may
   * carry an ISO time in the year one billion).
   */
  public Refusal eventTime(String device, Instant time, long now) {
    if (time.isBefore(Instant.EPOCH)) {
      return new Refusal(
          DeadLetterReason.OUT_OF_RANGE,
          String.format(
              Locale.ROOT,
              "device '%s' at %s: the event time is before 1970-01-01T00:00:00Z; expected"
                  + " epoch milliseconds >= 0, the range of Kafka record timestamps",
              device,
              time));
    }
    Instant clock = Instant.ofEpochMilli(now);
    if (time.isAfter(clock.plusMillis(maxFutureSkewMillis))) {
      Duration ahead = Duration.between(clock, time);
      return new Refusal(
          DeadLetterReason.FUTURE,
          String.format(
              Locale.ROOT,
              "device '%s' at %s is %s ahead of the wall clock (%s); expected at most"
                  + " vigil.detection.max-future-skew.ms = %d ms ahead",
              device,
              time,
              ahead.getSeconds() < Long.MAX_VALUE / 1000
                  ? ahead.toMillis() + " ms"
                  : ahead.getSeconds() + " s",
              clock,
              maxFutureSkewMillis));
    }
    return null;
  }
}
