package io.vigil.app.detect;

import static io.vigil.schemas.DeadLetterReason.DUPLICATE;
import static io.vigil.schemas.DeadLetterReason.FUTURE;
import static io.vigil.schemas.DeadLetterReason.INVALID_POLICY;
import static io.vigil.schemas.DeadLetterReason.LATE;
import static io.vigil.schemas.DeadLetterReason.MALFORMED;
import static io.vigil.schemas.DeadLetterReason.MISALIGNED;
import static io.vigil.schemas.DeadLetterReason.NON_FINITE_VALUE;
import static io.vigil.schemas.DeadLetterReason.OUT_OF_RANGE;
import static io.vigil.schemas.DeadLetterReason.STALE_POLICY;
import static io.vigil.schemas.DeadLetterReason.UNKNOWN_CHANNEL;

import io.vigil.schemas.AlertRule;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * The bad-input corpus of {@link BadInputCorpusIT}: every malformed or hostile input in one list,
 * each with the reason it must be dead-lettered with, and the valid streams they are mixed into.
 * Event times are fixed (from {@link #T0}, one frame per device per second); only the FUTURE cases
 * depend on the wall clock, and only in that they are far beyond it.
 */
final class BadInputCorpus {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final long STEP_MILLIS = 1000;

  /** Valid frames per device: Avro app, JSON app, and the device that sends narrow readings. */
  static final int AVRO_STEPS = 300;

  static final int JSON_STEPS = 200;
  static final int READING_STEPS = 100;

  static final List<String> AVRO_DEVICES =
      List.of("avro-valid-0", "avro-valid-1", "avro-valid-2", "avro-valid-3");
  static final List<String> JSON_DEVICES = List.of("json-valid-0", "json-valid-1");
  static final String READING_DEVICE = "reading-valid";
  static final String POLICY_DEVICE = "policy-device";

  /** The channel the model does not know, sent once by a valid device. */
  static final String UNKNOWN_CHANNEL_NAME = "vibration";

  /** Which topic, and so which application, a case goes to. */
  enum Input {
    AVRO_FRAMES,
    JSON_FRAMES,
    READINGS,
    POLICIES
  }

  /** What a case sends: key and value bytes (either may be null) and the record timestamp. */
  record Rec(byte[] key, byte[] value, long timestamp) {}

  /**
   * One input and its outcome: the reason it must be dead-lettered with, or {@code null} when it
   * must be accepted. {@code record} builds it for the step of the valid streams after which it is
   * sent; when {@code replaces} names a valid device, it is sent instead of that device's frame of
   * the step (a valid frame with a twist, whose windows must still be scored).
   */
  record Case(
      String name,
      DeadLetterReason expected,
      Input input,
      String replaces,
      IntFunction<Rec> record) {
    boolean accepted() {
      return expected == null;
    }
  }

  private final Map<String, List<TelemetryFrame>> valid;
  private final List<String> channels = FleetSimulator.channels();

  BadInputCorpus() {
    valid = new LinkedHashMap<>();
    valid.putAll(validFrames(AVRO_DEVICES, AVRO_STEPS, 3));
    valid.putAll(validFrames(JSON_DEVICES, JSON_STEPS, 5));
  }

  /** The valid frames of a device, one per step. */
  List<TelemetryFrame> valid(String device) {
    return valid.get(device);
  }

  static Instant time(long step) {
    return T0.plusMillis(step * STEP_MILLIS);
  }

  /**
   * The narrow readings of {@link #READING_DEVICE} at a step: the values of avro-valid-0's frame.
   */
  List<SensorReading> validReadings(int step) {
    List<SensorReading> out = new ArrayList<>();
    valid(AVRO_DEVICES.get(0))
        .get(step)
        .getChannels()
        .forEach((c, v) -> out.add(reading(READING_DEVICE, c, time(step), v)));
    return out;
  }

  /** Every case, in the order they are sent. */
  List<Case> cases() {
    List<Case> c = new ArrayList<>();
    avroFrameCases(c);
    validStreamCases(c);
    jsonFrameCases(c);
    readingCases(c);
    policyCases(c);
    return c;
  }

  private void avroFrameCases(List<Case> c) {
    c.add(avro("avro-truncated", MALFORMED, (n, s) -> half(avro(frame(n, s)))));
    c.add(
        avro(
            "avro-unknown-schema-fingerprint",
            MALFORMED,
            (n, s) -> {
              byte[] b = avro(frame(n, s));
              Arrays.fill(b, 2, 10, (byte) 0x5A);
              return b;
            }));
    c.add(
        avro(
            "avro-sensor-reading-on-frames-topic",
            MALFORMED,
            (n, s) -> VigilSerdes.reading().encode(reading(n, "pressure", time(s), 1.0))));
    c.add(
        avro(
            "avro-policy-on-frames-topic",
            MALFORMED,
            (n, s) -> VigilSerdes.thresholdPolicy().encode(policy(n, 1).build())));
    c.add(avro("json-on-avro-frames-topic", MALFORMED, (n, s) -> json(frame(n, s))));
    c.add(avro("avro-header-only", MALFORMED, (n, s) -> Arrays.copyOf(avro(frame(n, s)), 10)));
    c.add(avro("avro-empty-value", MALFORMED, (n, s) -> new byte[0]));
    c.add(avro("avro-null-value", MALFORMED, (n, s) -> null));
    // Hostile length prefixes: a few bytes that claim a huge string or map.
    c.add(
        avro(
            "avro-string-claims-2GiB",
            MALFORMED,
            (n, s) -> avroClaim(Integer.MAX_VALUE - 8L, false)));
    c.add(avro("avro-map-claims-1G-entries", MALFORMED, (n, s) -> avroClaim(1L << 30, true)));
    c.add(avro("avro-negative-string-length", MALFORMED, (n, s) -> avroClaim(-5, false)));
    c.add(avro("avro-blank-device-id", MALFORMED, (n, s) -> avro(frame("   ", s))));
    c.add(avro("avro-empty-device-id", MALFORMED, (n, s) -> avro(frame("", s))));
    c.add(
        raw(
            "avro-device-id-of-100kB",
            MALFORMED,
            Input.AVRO_FRAMES,
            s -> {
              String device = "d".repeat(100_000);
              return new Rec(utf8(device), avro(frame(device, s)), time(s).toEpochMilli());
            }));
    c.add(
        raw(
            "avro-key-of-500kB-garbage-value",
            MALFORMED,
            Input.AVRO_FRAMES,
            s -> new Rec(filled(500_000, 'k'), garbage(100, s), time(s).toEpochMilli())));
    c.add(
        raw(
            "avro-key-of-500kB-valid-frame",
            null,
            Input.AVRO_FRAMES,
            s ->
                new Rec(
                    filled(500_000, 'k'),
                    avro(frame("avro-key-of-500kB-valid-frame", s)),
                    time(s).toEpochMilli())));
    c.add(avro("avro-1MB-of-garbage", MALFORMED, (n, s) -> garbage(1_000_000, s)));
    // Larger than the producer's and the topic's default limit: the test raises both for it.
    c.add(avro("avro-1MiB-of-garbage", MALFORMED, (n, s) -> garbage(1 << 20, s)));
    c.add(avroValue("avro-nan", NON_FINITE_VALUE, Double.NaN));
    c.add(avroValue("avro-positive-infinity", NON_FINITE_VALUE, Double.POSITIVE_INFINITY));
    c.add(avroValue("avro-negative-infinity", NON_FINITE_VALUE, Double.NEGATIVE_INFINITY));
    c.add(avroValue("avro-1e39", OUT_OF_RANGE, 1e39));
    c.add(avroValue("avro-minus-1e39", OUT_OF_RANGE, -1e39));
    c.add(avroValue("avro-double-max", OUT_OF_RANGE, Double.MAX_VALUE));
    c.add(avroAt("avro-negative-event-time", OUT_OF_RANGE, Instant.ofEpochMilli(-1000)));
    c.add(avroAt("avro-event-time-long-min", OUT_OF_RANGE, Instant.ofEpochMilli(Long.MIN_VALUE)));
    c.add(avroAt("avro-event-time-in-2100", FUTURE, Instant.parse("2100-01-01T00:00:00Z")));
    c.add(avroAt("avro-event-time-long-max", FUTURE, Instant.ofEpochMilli(Long.MAX_VALUE)));
    c.add(
        avro(
            "avro-empty-channel-map",
            MALFORMED,
            (n, s) -> avro(frame(n, time(s), new HashMap<>()))));
    c.add(
        avro(
            "avro-all-channels-null",
            null,
            (n, s) -> {
              Map<String, Double> nulls = new HashMap<>();
              channels.forEach(ch -> nulls.put(ch, null));
              return avro(frame(n, time(s), nulls));
            }));
    // Its dead letter once repeated the name in its message: 1.2 MB, too large to be written.
    c.add(
        avro(
            "avro-nan-in-a-600kB-channel-name",
            MALFORMED,
            (n, s) -> {
              Map<String, Double> values = values(1.0);
              values.put("c".repeat(600_000), Double.NaN);
              return avro(frame(n, time(s), values));
            }));
    c.add(
        avro(
            "avro-unknown-channel-named-with-100kB",
            MALFORMED,
            (n, s) -> {
              Map<String, Double> values = values(1.0);
              values.put("c".repeat(100_000), 1.0);
              return avro(frame(n, time(s), values));
            }));
  }

  /** Cases inside the valid devices' streams: their frames and windows are otherwise valid. */
  private void validStreamCases(List<Case> c) {
    String dup = AVRO_DEVICES.get(0);
    String late = AVRO_DEVICES.get(1);
    String unknown = AVRO_DEVICES.get(2);
    String subnormal = AVRO_DEVICES.get(3);
    // Released (older than the 5 s grace) and still in the device's frame ring (37 frames).
    c.add(
        raw(
            "duplicate-of-a-released-frame",
            DUPLICATE,
            Input.AVRO_FRAMES,
            s -> validRecord(dup, valid(dup).get(atLeast(s, 10) - 10))));
    // Released and out of the ring: it can only be told apart from any late frame by its time.
    c.add(
        raw(
            "duplicate-older-than-the-frame-ring",
            LATE,
            Input.AVRO_FRAMES,
            s -> validRecord(dup, valid(dup).get(atLeast(s, 60) - 60))));
    c.add(
        raw(
            "late-between-two-released-frames",
            LATE,
            Input.AVRO_FRAMES,
            s -> {
              TelemetryFrame f = valid(late).get(atLeast(s, 10) - 10);
              return validRecord(
                  late,
                  TelemetryFrame.newBuilder(f)
                      .setEventTime(f.getEventTime().plusMillis(500))
                      .build());
            }));
    c.add(
        raw(
            "late-an-hour-before-the-first-frame",
            LATE,
            Input.AVRO_FRAMES,
            s ->
                validRecord(
                    late,
                    TelemetryFrame.newBuilder(valid(late).get(0))
                        .setEventTime(T0.minusSeconds(3600))
                        .build())));
    c.add(
        replacing(
            "unknown-channel-ignored",
            unknown,
            f -> {
              f.getChannels().put(UNKNOWN_CHANNEL_NAME, 1.0);
              return f;
            }));
    c.add(
        replacing(
            "ten-thousand-unknown-channels",
            unknown,
            f -> {
              for (int i = 0; i < 10_000; i++) {
                f.getChannels().put(String.format(Locale.ROOT, "x%05d", i), (double) i);
              }
              return f;
            }));
    c.add(
        replacing(
            "subnormal-double",
            subnormal,
            f -> {
              f.getChannels().put("pressure", Double.MIN_VALUE);
              return f;
            }));
    c.add(
        replacing(
            "subnormal-float",
            subnormal,
            f -> {
              f.getChannels().put("flow", (double) Float.MIN_VALUE);
              return f;
            }));
  }

  private void jsonFrameCases(List<Case> c) {
    c.add(jsonText("json-truncated", MALFORMED, (n, s) -> "{\"deviceId\": \"" + n + "\", \"ev"));
    c.add(jsonText("json-array-document", MALFORMED, (n, s) -> "[1, 2, 3]"));
    c.add(jsonText("json-string-document", MALFORMED, (n, s) -> "\"frame\""));
    c.add(jsonText("json-empty-object", MALFORMED, (n, s) -> "{}"));
    c.add(jsonFields("json-device-id-is-a-number", MALFORMED, "42", null, okChannels()));
    c.add(jsonFields("json-event-time-is-a-boolean", MALFORMED, null, "true", okChannels()));
    c.add(jsonFields("json-event-time-is-a-fraction", MALFORMED, null, "1.5e12", okChannels()));
    c.add(
        jsonFields(
            "json-channel-value-is-text",
            MALFORMED,
            null,
            null,
            "{\"pressure\": \"high\", \"flow\": 1.0}"));
    c.add(jsonFields("json-channels-is-an-array", MALFORMED, null, null, "[1.0, 2.0]"));
    c.add(
        jsonText(
            "json-channels-missing",
            MALFORMED,
            (n, s) -> "{\"deviceId\": \"" + n + "\", \"eventTime\": " + millis(s) + "}"));
    c.add(raw("json-empty-value", MALFORMED, Input.JSON_FRAMES, s -> keyed(s, new byte[0])));
    c.add(raw("json-null-value", MALFORMED, Input.JSON_FRAMES, s -> keyed(s, null)));
    c.add(jsonText("json-nested-100k-deep", MALFORMED, (n, s) -> "[".repeat(100_000)));
    c.add(
        jsonFields(
            "json-number-of-100k-digits",
            MALFORMED,
            null,
            null,
            "{\"pressure\": 1" + "0".repeat(100_000) + "}"));
    c.add(
        raw(
            "json-invalid-utf8",
            MALFORMED,
            Input.JSON_FRAMES,
            s -> {
              byte[] b = utf8("{\"deviceId\": \"json-invalid-utf8-XX\", \"eventTime\": 0}");
              int at = new String(b, StandardCharsets.UTF_8).indexOf("XX");
              b[at] = (byte) 0xFF;
              b[at + 1] = (byte) 0xFE;
              return new Rec(utf8("json-invalid-utf8"), b, time(s).toEpochMilli());
            }));
    c.add(jsonFields("json-blank-device-id", MALFORMED, "\"  \"", null, okChannels()));
    c.add(jsonChannel("json-nan-string", NON_FINITE_VALUE, "\"NaN\""));
    c.add(jsonChannel("json-infinity-string", NON_FINITE_VALUE, "\"Infinity\""));
    c.add(jsonChannel("json-minus-infinity-string", NON_FINITE_VALUE, "\"-Infinity\""));
    c.add(jsonChannel("json-1e39", OUT_OF_RANGE, "1e39"));
    c.add(jsonChannel("json-minus-1e39", OUT_OF_RANGE, "-1e39"));
    // A finite literal beyond double's range: JSON parsers read it as infinity.
    c.add(jsonChannel("json-1e400", NON_FINITE_VALUE, "1e400"));
    c.add(jsonFields("json-negative-event-time", OUT_OF_RANGE, null, "-1000", okChannels()));
    c.add(
        jsonFields(
            "json-event-time-in-year-one-billion",
            FUTURE,
            null,
            "\"+1000000000-01-01T00:00:00Z\"",
            okChannels()));
    c.add(
        jsonFields(
            "json-event-time-in-year-minus-one-billion",
            OUT_OF_RANGE,
            null,
            "\"-1000000000-01-01T00:00:00Z\"",
            okChannels()));
    c.add(
        jsonFields(
            "json-iso-event-time-in-2100", FUTURE, null, "\"2100-01-01T00:00:00Z\"", okChannels()));
    c.add(jsonFields("json-empty-channel-map", MALFORMED, null, null, "{}"));
    String subnormal = JSON_DEVICES.get(1);
    c.add(
        new Case(
            "json-subnormal",
            null,
            Input.JSON_FRAMES,
            subnormal,
            s -> {
              TelemetryFrame f = copy(valid(subnormal).get(s));
              f.getChannels().put("pressure", Double.MIN_VALUE);
              return validRecord(subnormal, json(f), f);
            }));
  }

  private void readingCases(List<Case> c) {
    c.add(readingValue("reading-nan", NON_FINITE_VALUE, Double.NaN));
    c.add(readingValue("reading-positive-infinity", NON_FINITE_VALUE, Double.POSITIVE_INFINITY));
    c.add(readingValue("reading-1e39", OUT_OF_RANGE, 1e39));
    c.add(
        reading(
            "reading-unknown-sensor",
            UNKNOWN_CHANNEL,
            (n, s) -> reading(n, UNKNOWN_CHANNEL_NAME, time(s), 1.0)));
    c.add(
        reading(
            "reading-misaligned",
            MISALIGNED,
            (n, s) -> reading(n, "pressure", time(s).plusMillis(400), 1.0)));
    c.add(
        raw(
            "reading-late",
            LATE,
            Input.READINGS,
            s -> {
              int step = Math.min(atLeast(s, 20), READING_STEPS - 1);
              SensorReading r = reading(READING_DEVICE, "pressure", time(step - 20), 1.0);
              return new Rec(
                  utf8(READING_DEVICE), VigilSerdes.reading().encode(r), time(step).toEpochMilli());
            }));
    c.add(
        reading(
            "reading-in-2100",
            FUTURE,
            (n, s) -> reading(n, "pressure", Instant.parse("2100-01-01T00:00:00Z"), 1.0)));
    c.add(
        reading(
            "reading-negative-time",
            OUT_OF_RANGE,
            (n, s) -> reading(n, "pressure", Instant.ofEpochMilli(-1000), 1.0)));
    c.add(
        reading(
            "reading-blank-device", MALFORMED, (n, s) -> reading(" ", "pressure", time(s), 1.0)));
    c.add(
        reading(
            "reading-device-id-of-100kB",
            MALFORMED,
            (n, s) -> reading("r".repeat(100_000), "pressure", time(s), 1.0)));
    c.add(
        reading(
            "reading-sensor-named-with-100kB",
            MALFORMED,
            (n, s) -> reading(n, "s".repeat(100_000), time(s), 1.0)));
    c.add(
        raw(
            "reading-malformed-bytes",
            MALFORMED,
            Input.READINGS,
            s -> new Rec(utf8("reading-malformed-bytes"), garbage(40, s), time(s).toEpochMilli())));
    c.add(
        raw(
            "reading-frame-on-readings-topic",
            MALFORMED,
            Input.READINGS,
            s ->
                new Rec(
                    utf8("reading-frame-on-readings-topic"),
                    avro(frame("reading-frame-on-readings-topic", s)),
                    time(s).toEpochMilli())));
    c.add(raw("reading-empty-value", MALFORMED, Input.READINGS, s -> keyed(s, new byte[0])));
    c.add(raw("reading-null-value", MALFORMED, Input.READINGS, s -> keyed(s, null)));
  }

  private void policyCases(List<Case> c) {
    c.add(policy("policy-ewma-alpha-5", INVALID_POLICY, p -> ewma(p, 5.0, 4.0)));
    c.add(
        policy(
            "policy-static-without-value",
            INVALID_POLICY,
            p -> p.setMethod(ThresholdMethod.STATIC).setParameters(Map.of())));
    c.add(
        policy(
            "policy-unknown-parameter",
            INVALID_POLICY,
            p -> p.setParameters(Map.of("alpha", 0.1, "gamma", 1.0))));
    c.add(policy("policy-nan-parameter", INVALID_POLICY, p -> ewma(p, Double.NaN, 4.0)));
    c.add(
        policy(
            "policy-opens-on-6-of-5-windows",
            INVALID_POLICY,
            p -> p.setAlertRule(new AlertRule(6, 5, 5, 60_000L, List.of(1.5, 2.0, 4.0), 3))));
    c.add(policy("policy-version-0", INVALID_POLICY, p -> p.setVersion(0L)));
    c.add(policy("policy-device-scope-without-device", INVALID_POLICY, p -> p.setDeviceId(null)));
    c.add(policy("policy-negative-warm-up", INVALID_POLICY, p -> p.setWarmupWindows(-1)));
    c.add(policy("policy-blank-id", INVALID_POLICY, p -> p.setPolicyId(" ")));
    // Valid but for its id, which every score would have carried.
    c.add(policy("policy-id-of-600kB", INVALID_POLICY, p -> p.setPolicyId("p".repeat(600_000))));
    c.add(
        policy(
            "policy-device-id-of-100kB", INVALID_POLICY, p -> p.setDeviceId("d".repeat(100_000))));
    c.add(policy("policy-v3", null, p -> p.setVersion(3L)));
    c.add(policy("policy-v2-after-v3", STALE_POLICY, p -> p.setVersion(2L)));
    c.add(policy("policy-v3-again", STALE_POLICY, p -> p.setVersion(3L)));
    c.add(
        raw(
            "policy-malformed-bytes",
            INVALID_POLICY,
            Input.POLICIES,
            s -> new Rec(utf8("fleet"), garbage(64, s), time(s).toEpochMilli())));
    c.add(
        raw(
            "policy-empty-value",
            INVALID_POLICY,
            Input.POLICIES,
            s -> new Rec(utf8("fleet"), new byte[0], time(s).toEpochMilli())));
    c.add(
        raw(
            "policy-tombstone-with-a-bad-key",
            INVALID_POLICY,
            Input.POLICIES,
            s -> new Rec(utf8("nonsense"), null, time(s).toEpochMilli())));
    c.add(
        raw(
            "policy-tombstone-with-an-empty-device-key",
            INVALID_POLICY,
            Input.POLICIES,
            s -> new Rec(utf8("device:"), null, time(s).toEpochMilli())));
  }

  // ---- builders -----------------------------------------------------------------------------

  /** Builds a case's value from its name (its device, where it has one) and its step. */
  @FunctionalInterface
  private interface Value {
    byte[] of(String name, int step);
  }

  private static Case raw(String name, DeadLetterReason expected, Input input, IntFunction<Rec> r) {
    return new Case(name, expected, input, null, r);
  }

  private static Case avro(String name, DeadLetterReason expected, Value value) {
    return new Case(
        name,
        expected,
        Input.AVRO_FRAMES,
        null,
        s -> new Rec(utf8(name), value.of(name, s), time(s).toEpochMilli()));
  }

  private Case avroValue(String name, DeadLetterReason expected, double value) {
    return avro(name, expected, (n, s) -> avro(frame(n, time(s), values(value))));
  }

  private Case avroAt(String name, DeadLetterReason expected, Instant eventTime) {
    return avro(name, expected, (n, s) -> avro(frame(n, eventTime, values(1.0))));
  }

  private Case replacing(String name, String device, UnaryOperator<TelemetryFrame> twist) {
    return new Case(
        name,
        null,
        Input.AVRO_FRAMES,
        device,
        s -> validRecord(device, twist.apply(copy(valid(device).get(s)))));
  }

  private static Case jsonText(
      String name, DeadLetterReason expected, BiFunction<String, Integer, String> text) {
    return new Case(
        name,
        expected,
        Input.JSON_FRAMES,
        null,
        s -> new Rec(utf8(name), utf8(text.apply(name, s)), time(s).toEpochMilli()));
  }

  /**
   * A JSON frame with raw JSON for its fields: a null device is the case's name, a null event time
   * the step's.
   */
  private static Case jsonFields(
      String name, DeadLetterReason expected, String device, String eventTime, String channels) {
    return jsonText(
        name,
        expected,
        (n, s) ->
            String.format(
                Locale.ROOT,
                "{\"deviceId\": %s, \"eventTime\": %s, \"channels\": %s}",
                device == null ? "\"" + n + "\"" : device,
                eventTime == null ? millis(s) : eventTime,
                channels));
  }

  private static Case jsonChannel(String name, DeadLetterReason expected, String value) {
    return jsonFields(
        name,
        expected,
        null,
        null,
        "{\"pressure\": " + value + ", \"flow\": 1.0, \"current\": 1.0, \"temperature\": 1.0}");
  }

  private static String okChannels() {
    return "{\"pressure\": 1.0, \"flow\": 1.0, \"current\": 1.0, \"temperature\": 1.0}";
  }

  private static String millis(int step) {
    return Long.toString(time(step).toEpochMilli());
  }

  private static Case reading(
      String name, DeadLetterReason expected, BiFunction<String, Integer, SensorReading> reading) {
    return new Case(
        name,
        expected,
        Input.READINGS,
        null,
        s ->
            new Rec(
                utf8(name),
                VigilSerdes.reading().encode(reading.apply(name, s)),
                time(s).toEpochMilli()));
  }

  private static Case readingValue(String name, DeadLetterReason expected, double value) {
    return reading(name, expected, (n, s) -> reading(n, "pressure", time(s), value));
  }

  private static Case policy(
      String name, DeadLetterReason expected, UnaryOperator<ThresholdPolicy.Builder> edit) {
    return new Case(
        name,
        expected,
        Input.POLICIES,
        null,
        s ->
            new Rec(
                utf8("device:" + POLICY_DEVICE),
                VigilSerdes.thresholdPolicy().encode(edit.apply(policy(POLICY_DEVICE, 1)).build()),
                time(s).toEpochMilli()));
  }

  private static ThresholdPolicy.Builder policy(String device, long version) {
    return ewma(
        ThresholdPolicy.newBuilder()
            .setPolicyId("corpus")
            .setScope(PolicyScope.DEVICE)
            .setDeviceId(device)
            .setWarmupWindows(10)
            .setAlertRule(new AlertRule(3, 5, 5, 60_000L, List.of(1.5, 2.0, 4.0), 3))
            .setVersion(version)
            .setAuthor("corpus-it")
            .setCreatedAt(T0),
        0.05,
        4.0);
  }

  private static ThresholdPolicy.Builder ewma(ThresholdPolicy.Builder p, double alpha, double k) {
    return p.setMethod(ThresholdMethod.EWMA).setParameters(Map.of("alpha", alpha, "k", k));
  }

  private static Rec keyed(int step, byte[] value) {
    return new Rec(null, value, time(step).toEpochMilli());
  }

  /** A frame of a valid device, keyed by it, timestamped with its event time. */
  static Rec validRecord(String device, TelemetryFrame frame) {
    return validRecord(device, avro(frame), frame);
  }

  static Rec validRecord(String device, byte[] value, TelemetryFrame frame) {
    return new Rec(utf8(device), value, frame.getEventTime().toEpochMilli());
  }

  TelemetryFrame frame(String device, int step) {
    return frame(device, time(step), values(1.0));
  }

  static TelemetryFrame frame(String device, Instant time, Map<String, Double> channels) {
    return TelemetryFrame.newBuilder()
        .setDeviceId(device)
        .setEventTime(time)
        .setChannels(channels)
        .setSource("corpus")
        .build();
  }

  /** Plausible values on every channel but pressure, which is {@code pressure}. */
  private Map<String, Double> values(double pressure) {
    Map<String, Double> m = new HashMap<>();
    channels.forEach(ch -> m.put(ch, 1.0));
    m.put("pressure", pressure);
    return m;
  }

  static SensorReading reading(String device, String sensor, Instant time, Double value) {
    return SensorReading.newBuilder()
        .setDeviceId(device)
        .setSensor(sensor)
        .setEventTime(time)
        .setValue(value)
        .build();
  }

  static TelemetryFrame copy(TelemetryFrame f) {
    return TelemetryFrame.newBuilder(f).setChannels(new HashMap<>(f.getChannels())).build();
  }

  static byte[] avro(TelemetryFrame f) {
    return VigilSerdes.frame().encode(f);
  }

  static byte[] json(TelemetryFrame f) {
    return VigilSerdes.jsonFrame().serialize(null, f);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] half(byte[] b) {
    return Arrays.copyOf(b, b.length / 2);
  }

  private static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  /** Random bytes, seeded by the step; never Avro's marker, never JSON. */
  private static byte[] garbage(int n, int step) {
    byte[] b = new byte[n];
    new Random(step).nextBytes(b);
    b[0] = 0x00;
    return b;
  }

  /**
   * A TelemetryFrame header followed by a length prefix of {@code claimed}: for the device id
   * string, or for the channel map after a valid device id and event time.
   */
  private static byte[] avroClaim(long claimed, boolean map) {
    byte[] header = Arrays.copyOf(avro(frame("d", time(0), new HashMap<>())), 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    if (map) {
      out.writeBytes(zigZag(1));
      out.write('d');
      out.writeBytes(zigZag(time(0).toEpochMilli()));
    }
    out.writeBytes(zigZag(claimed));
    out.writeBytes(new byte[16]);
    return out.toByteArray();
  }

  private static byte[] zigZag(long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long z = (n << 1) ^ (n >> 63);
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }

  private static int atLeast(int step, int min) {
    if (step < min) {
      throw new IllegalStateException("case placed at step " + step + ", needs at least " + min);
    }
    return step;
  }

  private static Map<String, List<TelemetryFrame>> validFrames(
      List<String> devices, int steps, long seed) {
    FleetSimulator fleet =
        new FleetSimulator(
            SimulatorSettings.defaults(devices.size(), seed)
                .withStart(T0)
                .withWarmupSteps(Integer.MAX_VALUE));
    Map<String, List<TelemetryFrame>> out = new LinkedHashMap<>();
    devices.forEach(d -> out.put(d, new ArrayList<>()));
    for (int k = 0; k < steps; k++) {
      List<SimulatedFrame> step = fleet.nextStep();
      for (int i = 0; i < devices.size(); i++) {
        SimulatedFrame f = step.get(i);
        out.get(devices.get(i))
            .add(frame(devices.get(i), f.eventTime(), new HashMap<>(f.channels())));
      }
    }
    return out;
  }
}
