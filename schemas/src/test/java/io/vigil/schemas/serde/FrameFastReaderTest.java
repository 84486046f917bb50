package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.TelemetryFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The hand-written frame reader against Avro itself on the same bytes: every frame Avro writes
 * (current layout, version 1, map blocks with byte counts) reads back equal to what Avro reads, and
 * on damaged bytes the fast reader either agrees with Avro or leaves the record to it.
 */
class FrameFastReaderTest {
  /** Avro alone, the reference. */
  private static final AvroSerde<TelemetryFrame> AVRO = AvroSerde.of(TelemetryFrame.class);

  private static final Schema V1 = v1();
  private static final FrameFastReader FAST =
      new FrameFastReader(TelemetryFrame.getClassSchema(), List.of(V1));

  @Provide
  Arbitrary<TelemetryFrame> frames() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("pressure", "temperature", "flow", "vibration", "rssi"),
            Arbitraries.strings().ofMinLength(0).ofMaxLength(200));
    Arbitrary<Double> values =
        Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.of(
                Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -0.0, 1e39, -1e39),
            Arbitraries.just(null));
    Arbitrary<Map<String, Double>> channels =
        Arbitraries.maps(names, values).ofMaxSize(40).map(HashMap::new);
    Arbitrary<String> devices = Arbitraries.strings().ofMinLength(0).ofMaxLength(60);
    Arbitrary<Long> times = Arbitraries.longs();
    Arbitrary<String> sources = Arbitraries.strings().ofMaxLength(30).injectNull(0.5);
    return Combinators.combine(devices, times, channels, sources)
        .as(
            (device, time, ch, source) ->
                new TelemetryFrame(device, Instant.ofEpochMilli(time), ch, source));
  }

  @Property(tries = 500, seed = "11")
  void readsWhatAvroWritesAsAvroDoes(@ForAll("frames") TelemetryFrame frame) {
    byte[] bytes = AVRO.encode(frame);
    TelemetryFrame fast = FAST.read(bytes);
    assertThat(fast).isNotNull().isEqualTo(AVRO.decode(bytes)).isEqualTo(frame);
  }

  @Property(tries = 200, seed = "11")
  void readsVersionOneFramesAsAvroResolvesThem(@ForAll("frames") TelemetryFrame frame) {
    byte[] bytes = encodeV1(frame, false);
    TelemetryFrame fast = FAST.read(bytes);
    assertThat(fast).isNotNull().isEqualTo(AVRO.decode(bytes));
    assertThat(fast.getSource()).isNull();
  }

  @Property(tries = 200, seed = "11")
  void readsMapBlocksThatCarryTheirByteSize(@ForAll("frames") TelemetryFrame frame) {
    // A blocking encoder writes a negative item count followed by the block's size in bytes.
    byte[] bytes = encodeV1(frame, true);
    TelemetryFrame fast = FAST.read(bytes);
    assertThat(fast).isNotNull().isEqualTo(AVRO.decode(bytes));
  }

  @Property(tries = 300, seed = "11")
  void damagedBytesAreReadAsAvroReadsThemOrLeftToAvro(@ForAll("frames") TelemetryFrame frame) {
    byte[] full = AVRO.encode(frame);
    Random random = new Random(full.length);
    for (int cut = 0; cut < full.length; cut++) {
      agreesWithAvroOrAbstains(Arrays.copyOf(full, cut));
    }
    for (int i = 0; i < 40; i++) {
      byte[] changed = full.clone();
      changed[random.nextInt(full.length)] = (byte) random.nextInt(256);
      agreesWithAvroOrAbstains(changed);
    }
    byte[] longer = Arrays.copyOf(full, full.length + 1);
    assertThat(FAST.read(longer)).as("a trailing byte is left to Avro").isNull();
  }

  @Test
  void aCountBeyondTheRecordIsLeftToAvroWhichRefusesIt() {
    // device "d", time 0, then a map block claiming 2^40 entries in a 13-byte record
    byte[] bytes =
        withHeader(
            TelemetryFrame.getClassSchema(),
            new byte[] {2, 'd', 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40});
    assertThat(FAST.read(bytes)).isNull();
    assertThatThrownBy(() -> VigilSerdes.frame().decode(bytes))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void anUnknownFingerprintIsLeftToAvroWhichNamesIt() {
    byte[] bytes = AVRO.encode(SampleRecords.frame());
    bytes[5] ^= 0x55;
    assertThat(FAST.read(bytes)).isNull();
    assertThatThrownBy(() -> VigilSerdes.frame().decode(bytes))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("fingerprint");
  }

  @Test
  void repeatedChannelNamesAreTheSameStrings() {
    byte[] bytes = AVRO.encode(SampleRecords.frame());
    TelemetryFrame first = FAST.read(bytes);
    TelemetryFrame second = FAST.read(bytes);
    for (String key : first.getChannels().keySet()) {
      String same =
          second.getChannels().keySet().stream().filter(key::equals).findFirst().orElseThrow();
      assertThat(same).isSameAs(key);
    }
  }

  @Test
  void consecutiveFramesWithTheSameNamesShareOneLayoutAndReadByPosition() {
    byte[] bytes = AVRO.encode(SampleRecords.frame());
    TelemetryFrame other = SampleRecords.frame();
    other.setChannels(new HashMap<>(Map.of("rssi", -71.0)));
    ChannelMap first = (ChannelMap) FAST.read(bytes).getChannels();
    ChannelMap second = (ChannelMap) FAST.read(bytes).getChannels();
    ChannelMap third = (ChannelMap) FAST.read(AVRO.encode(other)).getChannels();
    ChannelMap fourth = (ChannelMap) FAST.read(bytes).getChannels();

    assertThat(second.layout()).isSameAs(first.layout());
    assertThat(third.layout()).isNotSameAs(first.layout());
    assertThat(third.layout().names()).containsExactly("rssi");
    assertThat(fourth.layout()).isNotSameAs(third.layout());
    assertThat(fourth.layout().names()).isEqualTo(first.layout().names());
    for (int i = 0; i < first.size(); i++) {
      Double boxed = first.get(first.layout().name(i));
      if (boxed == null) {
        assertThat(first.value(i)).isNaN();
      } else {
        assertThat(first.value(i)).isEqualTo(boxed.doubleValue());
      }
    }
  }

  @Test
  void aNameGivenTwiceIsReadAsAvroReadsItTheLaterValueWinning() {
    // device "d", time 0, one block of two entries "a" -> 1.0 and "a" -> 2.0, end, no source
    ByteBuffer payload = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    payload.put(new byte[] {2, 'd', 0, 4});
    payload.put(new byte[] {2, 'a', 2}).putDouble(1.0);
    payload.put(new byte[] {2, 'a', 2}).putDouble(2.0);
    payload.put(new byte[] {0, 0});
    byte[] bytes =
        withHeader(
            TelemetryFrame.getClassSchema(), Arrays.copyOf(payload.array(), payload.position()));

    TelemetryFrame fast = FAST.read(bytes);

    assertThat(fast).isNotNull().isEqualTo(AVRO.decode(bytes));
    assertThat(fast.getChannels()).containsExactly(Map.entry("a", 2.0));
  }

  @Test
  void refusesASchemaWhoseFieldsItDoesNotKnow() {
    assertThatThrownBy(() -> new FrameFastReader(V1, List.of(V1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[deviceId, eventTime, channels, source]");
  }

  private static void agreesWithAvroOrAbstains(byte[] bytes) {
    TelemetryFrame fast = FAST.read(bytes);
    TelemetryFrame avro;
    try {
      avro = AVRO.decode(bytes);
    } catch (MalformedRecordException e) {
      assertThat(fast).as("Avro refuses these bytes: %s", e.getMessage()).isNull();
      return;
    }
    if (fast != null) {
      assertThat(fast).isEqualTo(avro);
    }
  }

  private static byte[] encodeV1(TelemetryFrame frame, boolean blocking) {
    GenericRecord old = new GenericData.Record(V1);
    old.put("deviceId", frame.getDeviceId());
    old.put("eventTime", frame.getEventTime().toEpochMilli());
    old.put("channels", frame.getChannels());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BinaryEncoder encoder =
          blocking
              ? EncoderFactory.get().blockingBinaryEncoder(out, null)
              : EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(V1).write(old, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return withHeader(V1, out.toByteArray());
  }

  private static byte[] withHeader(Schema schema, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(10 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xC3).put((byte) 0x01);
    b.putLong(SchemaNormalization.parsingFingerprint64(schema));
    b.put(payload);
    return b.array();
  }

  private static Schema v1() {
    try (InputStream in =
        FrameFastReaderTest.class.getResourceAsStream(
            "/io/vigil/schemas/history/TelemetryFrame-v1.avsc")) {
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
