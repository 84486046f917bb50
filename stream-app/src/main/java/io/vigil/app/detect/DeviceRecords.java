package io.vigil.app.detect;

import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.window.WindowAssembler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.kafka.common.utils.Bytes;

/**
 * How the detection stage lays a device's state out in its stores, one small record per unit that
 * changes:
 *
 * <ul>
 *   <li>{@link #HEADS}, keyed by device: the window assembler's head (stream time, schedule,
 *       gap-fill memory, reorder buffer, pending windows) behind a prefix with the wall-clock time
 *       of the device's last frame and its pending-window count. Written once per commit for each
 *       device that changed ({@link CommitWriteStore}), behind a record cache, so the changelog
 *       gets about one record per device per commit.
 *   <li>{@link #FRAMES}, keyed by device and group of {@link #SLOTS_PER_RECORD} ring slots: the
 *       gap-filled frames (F floats and a time each) of those slots. Written once per commit for
 *       each group with a slot filled since the last one, at the same hook; windows are never
 *       stored, since the last W frames make them.
 *   <li>{@link #DETECTORS}, keyed by device: the detector (threshold, warm-up, episode tracker)
 *       with the model it learned from and whether an episode is open. Written once per commit for
 *       each device whose windows were scored, cached.
 * </ul>
 */
final class DeviceRecords {
  /** Store names. */
  static final String HEADS = "window-heads";

  static final String FRAMES = "window-frames";
  static final String DETECTORS = "device-detectors";

  private static final byte HEAD_FORMAT = 1;

  /** Detector records since this version start with this marker; earlier ones with a length. */
  private static final int DETECTOR_FORMAT_2 = -2;

  private DeviceRecords() {}

  /**
   * Ring slots per frames-store record: a record is written once per commit when one of its slots
   * changed, so at a commit about (frames since the last one) / 8 + 1 records go out per device
   * instead of one per frame, each about 8 x 57 bytes for 8 channels.
   */
  static final int SLOTS_PER_RECORD = 8;

  /** The frames-store key of a group of {@link #SLOTS_PER_RECORD} ring slots of a device. */
  static Bytes framesKey(String device, int group) {
    // Negative, so never equal to a key of the earlier one-slot-per-record layout.
    return key(device, -1 - group);
  }

  /**
   * The frames-store key of one ring slot in the earlier layout (one record per slot), still read
   * for the slots of a group that has no record yet, so that state written before the upgrade
   * carries over.
   */
  static Bytes legacyFrameKey(String device, int slot) {
    return key(device, slot);
  }

  /**
   * A device's stored frames by ring slot, for {@link WindowAssembler#restore}: read a record (a
   * group of slots) at a time, and for a group with no record, slot by slot from the earlier
   * layout.
   *
   * @param device the device
   * @param store reads the frames store
   * @return the encoded frame of a slot, null where there is none
   * @throws CorruptStateException (from the returned function) when a record cannot be decoded
   */
  static LongFunction<byte[]> storedFrames(String device, Function<Bytes, byte[]> store) {
    Map<Integer, Map<Integer, byte[]>> groups = new HashMap<>();
    return slot -> {
      Map<Integer, byte[]> group =
          groups.computeIfAbsent(
              (int) slot / SLOTS_PER_RECORD,
              g -> {
                byte[] record = store.apply(framesKey(device, g));
                return record == null ? Map.of() : WindowAssembler.framesOfRecord(record);
              });
      return group.isEmpty()
          ? store.apply(legacyFrameKey(device, (int) slot))
          : group.get((int) slot);
    };
  }

  private static Bytes key(String device, int suffix) {
    byte[] id = device.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(4 + id.length + 4).putInt(id.length).put(id).putInt(suffix).array());
  }

  /** A head record: the device's last frame (wall clock), its pending count and the head. */
  static byte[] head(long lastFrameWallMillis, int pending, byte[] head) {
    return ByteBuffer.allocate(1 + 8 + 4 + head.length)
        .put(HEAD_FORMAT)
        .putLong(lastFrameWallMillis)
        .putInt(pending)
        .put(head)
        .array();
  }

  /** The wall-clock time of the device's last frame, from a head record. */
  static long lastFrameWall(byte[] record) {
    return checkHead(record).getLong(1);
  }

  /** The number of windows cut and not yet scored, from a head record. */
  static int pendingCount(byte[] record) {
    return checkHead(record).getInt(9);
  }

  /** The assembler head inside a head record. */
  static byte[] assemblerHead(byte[] record) {
    checkHead(record);
    return Arrays.copyOfRange(record, 13, record.length);
  }

  private static ByteBuffer checkHead(byte[] record) {
    if (record == null || record.length < 13 || record[0] != HEAD_FORMAT) {
      throw new CorruptStateException(
          "window head record: expected format "
              + HEAD_FORMAT
              + " and at least 13 bytes, found "
              + (record == null ? "null" : record.length + " bytes"));
    }
    return ByteBuffer.wrap(record);
  }

  /** A detector record. */
  static byte[] detector(byte[] modelKey, boolean episodeOpen, byte[] state) {
    return ByteBuffer.allocate(4 + 1 + 4 + modelKey.length + state.length)
        .putInt(DETECTOR_FORMAT_2)
        .put((byte) (episodeOpen ? 1 : 0))
        .putInt(modelKey.length)
        .put(modelKey)
        .put(state)
        .array();
  }

  /** A decoded detector record: the model it learned from, whether open, and its state. */
  record Detector(byte[] modelKey, boolean episodeOpen, byte[] state) {}

  /** Decodes a detector record, also in the earlier layout (length-prefixed model key). */
  static Detector detector(byte[] record) {
    try {
      ByteBuffer b = ByteBuffer.wrap(record);
      int first = b.getInt();
      boolean open = false;
      int keyLength = first;
      if (first == DETECTOR_FORMAT_2) {
        open = b.get() == 1;
        keyLength = b.getInt();
      }
      if (keyLength < 0 || keyLength > b.remaining()) {
        throw new CorruptStateException(
            "device detector record: model key length " + keyLength + " out of range");
      }
      byte[] key = new byte[keyLength];
      b.get(key);
      byte[] state = new byte[b.remaining()];
      b.get(state);
      return new Detector(key, open, state);
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptStateException("device detector record: truncated", e);
    }
  }
}
