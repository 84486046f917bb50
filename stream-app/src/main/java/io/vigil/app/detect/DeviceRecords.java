package io.vigil.app.detect;

import io.vigil.core.codec.CorruptStateException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *   <li>{@link #FRAMES}, keyed by device and ring slot: one gap-filled frame (F floats and its
 *       time). Written once per released frame; windows are never stored, since the last W frames
 *       make them.
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

  /** The frames-store key of one ring slot of a device. */
  static Bytes frameKey(String device, int slot) {
    byte[] id = device.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(4 + id.length + 4).putInt(id.length).put(id).putInt(slot).array());
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
