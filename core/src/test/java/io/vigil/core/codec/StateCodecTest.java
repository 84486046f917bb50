package io.vigil.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateCodecTest {

  @Test
  void roundTripsEveryPrimitiveBitExactly() {
    double nanWithPayload = Double.longBitsToDouble(0x7ff8_0000_0000_0abcL);
    byte[] bytes =
        new StateWriter(1)
            .format("Thing", 3)
            .putBoolean(true)
            .putInt(-7)
            .putLong(Long.MIN_VALUE)
            .putDouble(nanWithPayload)
            .putString("pümp-1")
            .putBytes(new byte[] {1, 2, 3})
            .putDoubles(new double[] {0.5, -0.0, 1e300}, 1, 2)
            .toBytes();

    StateReader in = StateReader.of("Thing", bytes).expectFormat(3);

    assertThat(in.getBoolean("flag")).isTrue();
    assertThat(in.getInt("int")).isEqualTo(-7);
    assertThat(in.getLong("long")).isEqualTo(Long.MIN_VALUE);
    assertThat(Double.doubleToRawLongBits(in.getDouble("nan")))
        .isEqualTo(Double.doubleToRawLongBits(nanWithPayload));
    assertThat(in.getString("name")).isEqualTo("pümp-1");
    assertThat(in.getBytes("bytes")).containsExactly(1, 2, 3);
    double[] slice = in.getDoubles("slice", 10);
    assertThat(Arrays.toString(slice)).isEqualTo("[-0.0, 1.0E300]");
    in.expectEnd();
  }

  @Test
  void truncatedStateNamesTypeFieldAndOffset() {
    byte[] bytes = new StateWriter().format("Thing", 1).putInt(5).toBytes();
    StateReader in = StateReader.of("Thing", bytes).expectFormat(1);
    in.getInt("count");

    assertThatThrownBy(() -> in.getLong("streamTime"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage(
            "Thing state: field 'streamTime' at offset 5: expected 8 more bytes, only 0 left"
                + " (truncated)");
  }

  @Test
  void unknownFormatVersionIsRefused() {
    byte[] bytes = new StateWriter().format("Thing", 2).toBytes();

    assertThatThrownBy(() -> StateReader.of("Thing", bytes).expectFormat(1))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("unsupported format version 2, expected 1");
  }

  @Test
  void trailingBytesAreReported() {
    byte[] bytes = new StateWriter().format("Thing", 1).putInt(1).toBytes();

    assertThatThrownBy(() -> StateReader.of("Thing", bytes).expectFormat(1).expectEnd())
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("4 unexpected trailing bytes at offset 1");
  }

  @Test
  void lengthsOutsideTheirBoundAreRefusedBeforeAllocating() {
    byte[] bytes = new StateWriter().putInt(1_000_000).toBytes();

    assertThatThrownBy(() -> StateReader.of("Thing", bytes).getDoubles("peaks", 2000))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("field 'peaks length' at offset 0: expected a value in [0, 2000]");
  }

  @Test
  void aLengthPrefixLongerThanWhatFollowsIsTruncationNotAnUnderflow() {
    // The prefix says 3 bytes; 2 follow. Checked against what is left after the prefix itself.
    byte[] bytes = new StateWriter().format("Thing", 1).putBytes(new byte[] {1, 2, 3}).toBytes();
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
    byte[] name = new StateWriter().format("Thing", 1).putString("abc").toBytes();
    byte[] cutName = Arrays.copyOf(name, name.length - 1);

    assertThatThrownBy(() -> StateReader.of("Thing", cut).expectFormat(1).getBytes("frame"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage(
            "Thing state: field 'frame' at offset 5: expected 3 more bytes, only 2 left"
                + " (truncated)");
    assertThatThrownBy(() -> StateReader.of("Thing", cutName).expectFormat(1).getString("name"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("field 'name' at offset 5: expected 3 more bytes, only 2 left");
  }

  @Test
  void nullStateIsCorruptNotANullPointer() {
    assertThatThrownBy(() -> StateReader.of("Thing", null))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage("Thing state: expected bytes, found null");
  }
}
