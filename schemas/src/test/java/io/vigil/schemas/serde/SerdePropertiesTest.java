package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the frame serdes: every frame survives a round trip, and no byte sequence makes a
 * decoder fail with anything but a {@link MalformedRecordException} (which the pipeline
 * dead-letters) or a valid frame.
 */
class SerdePropertiesTest {
  @Provide
  Arbitrary<TelemetryFrame> frames() {
    Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
    // Device ids must hold a visible character: both serdes refuse blank ones.
    Arbitrary<String> devices =
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(d -> !d.isBlank());
    Arbitrary<Double> values =
        Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                -0.0,
                1e39),
            Arbitraries.just(null));
    Arbitrary<Map<String, Double>> channels =
        Arbitraries.maps(names, values).ofMaxSize(12).map(HashMap::new);
    Arbitrary<Long> times = Arbitraries.longs().between(-62_000_000_000_000L, 250_000_000_000_000L);
    return net.jqwik.api.Combinators.combine(devices, times, channels)
        .as(
            (device, time, ch) ->
                TelemetryFrame.newBuilder()
                    .setDeviceId(device)
                    .setEventTime(Instant.ofEpochMilli(time))
                    .setChannels(new HashMap<>(ch))
                    .build());
  }

  @Property(tries = 300, seed = "7")
  void avroFramesRoundTrip(@ForAll("frames") TelemetryFrame frame) {
    AvroSerde<TelemetryFrame> serde = VigilSerdes.frame();
    assertThat(serde.decode(serde.encode(frame))).isEqualTo(frame);
  }

  @Property(tries = 300, seed = "7")
  void jsonFramesWithFiniteValuesRoundTrip(@ForAll("frames") TelemetryFrame frame) {
    Map<String, Double> finite = new HashMap<>();
    frame
        .getChannels()
        .forEach((k, v) -> finite.put(k, v == null || Double.isFinite(v) ? v : null));
    frame.setChannels(finite);
    JsonFrameSerde serde = VigilSerdes.jsonFrame();
    TelemetryFrame back = serde.deserialize("t", serde.serialize("t", frame));
    assertThat(back.getDeviceId()).isEqualTo(frame.getDeviceId());
    assertThat(back.getEventTime()).isEqualTo(frame.getEventTime());
    assertThat(back.getChannels()).isEqualTo(frame.getChannels());
  }

  @Property(tries = 1_000, seed = "7")
  void arbitraryBytesDecodeOrAreRefusedAsMalformed(@ForAll byte[] bytes) {
    for (var decoder :
        java.util.List.<java.util.function.Function<byte[], Object>>of(
            b -> VigilSerdes.frame().deserialize("t", b),
            b -> VigilSerdes.jsonFrame().deserialize("t", b),
            b -> VigilSerdes.reading().deserialize("t", b),
            b -> VigilSerdes.thresholdPolicy().deserialize("t", b))) {
      try {
        decoder.apply(bytes);
      } catch (MalformedRecordException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  @Property(tries = 300, seed = "7")
  void truncatedAvroFramesAreRefusedAsMalformed(@ForAll("frames") TelemetryFrame frame) {
    byte[] full = VigilSerdes.frame().encode(frame);
    for (int cut = 0; cut < full.length; cut += Math.max(1, full.length / 7)) {
      byte[] truncated = java.util.Arrays.copyOf(full, cut);
      try {
        VigilSerdes.frame().deserialize("t", truncated);
      } catch (MalformedRecordException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(new String(full, StandardCharsets.ISO_8859_1)).isNotEmpty();
  }
}
