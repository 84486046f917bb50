package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.window.Frame;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class DeviceRecordsTest {
  private static final String DEVICE = "pump-7";
  private static final long T0 = 1_700_000_000_000L;

  /** W=8, S=2, no grace: a ring of 8 + 16 + 2 + 1 = 27 slots, four records of eight. */
  private static final WindowSpec SPEC =
      new WindowSpec(List.of("a", "b"), 8, 2, 0, new GapFillPolicy(1, 1_000));

  private static WindowAssembler fed(int frames) {
    WindowAssembler a = new WindowAssembler(SPEC);
    feed(a, 0, frames);
    return a;
  }

  /** Offers frames {@code from..to-1}, acknowledging every window as scoring would. */
  private static void feed(WindowAssembler a, int from, int to) {
    for (int i = from; i < to; i++) {
      a.offer(Frame.of(T0 + i * 1_000L, i, -0.5 * i));
      while (a.pendingCount() > 0) {
        a.acknowledge(a.pending().get(0));
      }
    }
  }

  private static void save(WindowAssembler a, Map<Bytes, byte[]> store) {
    a.saveFrames(
        DeviceRecords.SLOTS_PER_RECORD,
        (group, record) -> store.put(DeviceRecords.framesKey(DEVICE, group), record));
  }

  private static WindowAssembler restore(WindowAssembler a, Map<Bytes, byte[]> store) {
    return WindowAssembler.restore(a.encodeHead(), DeviceRecords.storedFrames(DEVICE, store::get));
  }

  @Test
  void framesSavedAsRecordsOfEightSlotsRestoreTheAssemblerExactly() {
    WindowAssembler original = fed(40);
    Map<Bytes, byte[]> store = new HashMap<>();
    save(original, store);

    assertThat(store).hasSize(4);
    assertThat(restore(original, store).toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void slotsOfTheEarlierOneRecordPerSlotLayoutAreReadWhereAGroupHasNoRecord() {
    // State written by the earlier layout: one record per slot.
    WindowAssembler original = fed(40);
    Map<Bytes, byte[]> store = new HashMap<>();
    original.saveFrames(
        1,
        (slot, record) ->
            WindowAssembler.framesOfRecord(record)
                .forEach((s, frame) -> store.put(DeviceRecords.legacyFrameKey(DEVICE, s), frame)));
    assertThat(store).hasSize(SPEC.ringCapacity());
    // Then, after the upgrade, five more frames: their group records supersede those slots.
    feed(original, 40, 45);
    save(original, store);

    assertThat(restore(original, store).toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void keysOfTheTwoLayoutsNeverCollideAndNameTheDevice() {
    Bytes group0 = DeviceRecords.framesKey(DEVICE, 0);
    Bytes slot0 = DeviceRecords.legacyFrameKey(DEVICE, 0);

    assertThat(group0).isNotEqualTo(slot0);
    assertThat(DeviceRecords.framesKey(DEVICE, 3))
        .isNotEqualTo(DeviceRecords.framesKey("pump-8", 3));
    assertThat(new String(Arrays.copyOfRange(group0.get(), 4, 4 + DEVICE.length())))
        .isEqualTo(DEVICE);
  }

  @Test
  void aDamagedRecordIsCorruptStateNamingTheRecord() {
    WindowAssembler original = fed(12);
    Map<Bytes, byte[]> store = new HashMap<>();
    original.saveFrames(
        DeviceRecords.SLOTS_PER_RECORD,
        (group, record) ->
            store.put(
                DeviceRecords.framesKey(DEVICE, group), Arrays.copyOf(record, record.length / 2)));

    assertThatThrownBy(() -> restore(original, store))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("WindowAssembler frame record");
  }
}
