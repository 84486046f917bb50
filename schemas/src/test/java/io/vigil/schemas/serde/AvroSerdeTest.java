package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowScore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroSerdeTest {

  static Stream<SpecificRecord> everyRecordType() {
    return Stream.of(
        SampleRecords.frame(),
        SampleRecords.reading(),
        SampleRecords.windowScore(),
        SampleRecords.anomalyEvent(),
        SampleRecords.thresholdPolicy(),
        SampleRecords.deadLetter(),
        SampleRecords.denoisedWindow(),
        SampleRecords.windowEmbedding());
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> AvroSerde<T> serdeFor(T record) {
    return AvroSerde.of((Class<T>) record.getClass());
  }

  @ParameterizedTest
  @MethodSource("everyRecordType")
  <T extends SpecificRecord> void roundTripsEveryRecordType(T record) {
    AvroSerde<T> serde = serdeFor(record);
    byte[] bytes = serde.serialize("t", record);
    assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("everyRecordType")
  <T extends SpecificRecord> void writesTheSingleObjectMarkerAndFingerprint(T record) {
    byte[] bytes = serdeFor(record).serialize("t", record);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
  }

  @Test
  void nullIsATombstoneBothWays() {
    AvroSerde<TelemetryFrame> serde = VigilSerdes.frame();
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void readsAFrameWrittenWithVersionOneOfItsSchema() throws IOException {
    Schema v1;
    try (InputStream in =
        getClass().getResourceAsStream("/io/vigil/schemas/history/TelemetryFrame-v1.avsc")) {
      v1 = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(v1.getField("source")).isNull();
    GenericRecord old = new GenericData.Record(v1);
    old.put("deviceId", "pump-1");
    old.put("eventTime", SampleRecords.T0.toEpochMilli());
    old.put("channels", Map.of("pressure", 1.5));
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    TelemetryFrame frame = VigilSerdes.frame().deserialize("frames", bytes);

    assertThat(frame.getDeviceId()).isEqualTo("pump-1");
    assertThat(frame.getEventTime()).isEqualTo(SampleRecords.T0);
    assertThat(frame.getChannels()).containsEntry("pressure", 1.5);
    assertThat(frame.getSource()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void readsAPolicyWrittenWithAnEarlierVersionOfItsSchema(int version) throws IOException {
    Schema old;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/io/vigil/schemas/history/ThresholdPolicy-v" + version + ".avsc")) {
      old = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Schema methods = old.getField("method").schema();
    assertThat(methods.getEnumSymbols()).doesNotContain("LIKELIHOOD");
    Schema rule = old.getField("alertRule").schema();
    GenericRecord alertRule = new GenericData.Record(rule);
    alertRule.put("openWhenExceeded", 3);
    alertRule.put("ofLastWindows", 5);
    alertRule.put("closeAfterNormal", 10);
    alertRule.put("updateIntervalMillis", 60_000L);
    alertRule.put("severityBands", List.of(1.5, 3.0, 6.0));
    alertRule.put("topChannels", 3);
    GenericRecord policy = new GenericData.Record(old);
    policy.put("policyId", "fleet-dspot");
    policy.put("scope", new GenericData.EnumSymbol(old.getField("scope").schema(), "FLEET"));
    policy.put("method", new GenericData.EnumSymbol(methods, "DSPOT"));
    policy.put("parameters", Map.of("q", 1e-3));
    policy.put("warmupWindows", 50);
    policy.put("alertRule", alertRule);
    policy.put("version", 7L);
    policy.put("author", "ops");
    policy.put("createdAt", SampleRecords.T0.toEpochMilli());
    ByteBuffer written =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(policy);
    byte[] bytes = new byte[written.remaining()];
    written.get(bytes);

    ThresholdPolicy decoded = VigilSerdes.thresholdPolicy().deserialize("policies", bytes);

    assertThat(decoded.getMethod()).isEqualTo(ThresholdMethod.DSPOT);
    assertThat(decoded.getParameters()).containsEntry("q", 1e-3);
    assertThat(decoded.getVersion()).isEqualTo(7L);
    assertThat(decoded.getComment()).isNull();
  }

  @Test
  void writesAndReadsTheLikelihoodMethodAddedInVersionThree() {
    ThresholdPolicy policy = SampleRecords.thresholdPolicy();
    policy.setMethod(ThresholdMethod.LIKELIHOOD);
    policy.setParameters(Map.of("q", 1e-4, "shortWindow", 10.0));
    AvroSerde<ThresholdPolicy> serde = VigilSerdes.thresholdPolicy();

    assertThat(serde.deserialize("policies", serde.serialize("policies", policy)))
        .isEqualTo(policy);
  }

  @Test
  void refusesBytesTooShortForTheHeader() {
    assertThatThrownBy(() -> VigilSerdes.frame().deserialize("frames", new byte[] {(byte) 0xC3, 1}))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e -> assertThat(e.problem()).isEqualTo(MalformedRecordException.Problem.TOO_SHORT))
        .hasMessageContaining("topic 'frames'")
        .hasMessageContaining("2 bytes")
        .hasMessageContaining("TelemetryFrame");
  }

  @Test
  void refusesBytesWithoutTheSingleObjectMarker() {
    byte[] json = "{\"deviceId\":\"pump-1\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> VigilSerdes.frame().deserialize("frames", json))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e -> assertThat(e.problem()).isEqualTo(MalformedRecordException.Problem.BAD_HEADER))
        .hasMessageContaining("7B 22")
        .hasMessageContaining("C3 01");
  }

  @Test
  void refusesARecordOfAnotherType() {
    byte[] score = VigilSerdes.windowScore().serialize("scores", SampleRecords.windowScore());
    assertThatThrownBy(() -> VigilSerdes.frame().deserialize("frames", score))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e -> assertThat(e.problem()).isEqualTo(MalformedRecordException.Problem.UNKNOWN_SCHEMA))
        .hasMessageContaining("no known version of io.vigil.schemas.TelemetryFrame");
  }

  @Test
  void refusesATruncatedPayload() {
    AvroSerde<WindowScore> serde = VigilSerdes.windowScore();
    byte[] whole = serde.serialize("scores", SampleRecords.windowScore());
    byte[] truncated = Arrays.copyOf(whole, 16);
    assertThatThrownBy(() -> serde.deserialize("scores", truncated))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e ->
                assertThat(e.problem()).isEqualTo(MalformedRecordException.Problem.CORRUPT_PAYLOAD))
        .hasMessageContaining("does not decode as io.vigil.schemas.WindowScore");
  }

  @Test
  void encodingARecordWithARequiredFieldUnsetSaysSo() {
    TelemetryFrame broken = SampleRecords.frame();
    broken.setDeviceId(null);
    assertThatThrownBy(() -> VigilSerdes.frame().serialize("frames", broken))
        .hasMessageContaining("cannot encode TelemetryFrame");
  }

  @Test
  void refusesALengthPrefixClaimingMoreThanTheRecordHoldsWithoutAllocatingIt() {
    byte[] header =
        Arrays.copyOf(VigilSerdes.frame().serialize("frames", SampleRecords.frame()), 10);
    byte[] claim = new byte[header.length + 5 + 16];
    System.arraycopy(header, 0, claim, 0, header.length);
    // zig-zag varint of Integer.MAX_VALUE - 8: the device id claims almost 2 GiB
    long n = (Integer.MAX_VALUE - 8L) << 1;
    for (int i = header.length; i < header.length + 5; i++) {
      claim[i] = (byte) ((n & 0x7F) | (i < header.length + 4 ? 0x80 : 0));
      n >>>= 7;
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> VigilSerdes.frame().deserialize("frames", claim))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e ->
                assertThat(e.problem())
                    .isEqualTo(MalformedRecordException.Problem.CORRUPT_PAYLOAD));
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
  }
}
