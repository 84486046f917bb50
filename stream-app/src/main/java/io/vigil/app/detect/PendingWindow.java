package io.vigil.app.detect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A window waiting for its micro-batch, as kept in the pending store: the device, the window's
 * event-time span and its values, flat {@code [W][F]}.
 */
record PendingWindow(String deviceId, long startTime, long endTime, float[] values) {
  private static final byte FORMAT = 1;

  byte[] toBytes() {
    byte[] device = deviceId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(1 + 4 + device.length + 16 + 4 + values.length * Float.BYTES);
    b.put(FORMAT)
        .putInt(device.length)
        .put(device)
        .putLong(startTime)
        .putLong(endTime)
        .putInt(values.length);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static PendingWindow fromBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte format = b.get();
    if (format != FORMAT) {
      throw new IllegalStateException(
          "pending window in format " + format + ", expected " + FORMAT);
    }
    byte[] device = new byte[b.getInt()];
    b.get(device);
    long start = b.getLong();
    long end = b.getLong();
    float[] values = new float[b.getInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = b.getFloat();
    }
    return new PendingWindow(new String(device, StandardCharsets.UTF_8), start, end, values);
  }
}
