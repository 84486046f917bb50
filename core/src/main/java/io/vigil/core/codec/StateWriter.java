package io.vigil.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian primitives to a growing buffer; the write side of every state codec.
 *
 * <p>Each codec starts with {@link #format(String, int)} so that its first byte is a format version
 * that {@link StateReader#expectFormat(String, int)} checks on the way back.
 */
public final class StateWriter {
  private ByteBuffer buffer;

  /** Creates a writer with a small initial capacity; it grows as needed. */
  public StateWriter() {
    this(64);
  }

  /**
   * Creates a writer.
   *
   * @param initialCapacity bytes allocated up front
   */
  public StateWriter(int initialCapacity) {
    buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
  }

  /**
   * Writes the leading format version byte of a codec.
   *
   * @param what the encoded type, for error messages only (not written)
   * @param version the format version, 1 to 127
   * @return this writer
   */
  public StateWriter format(String what, int version) {
    if (version < 1 || version > Byte.MAX_VALUE) {
      throw new IllegalArgumentException(
          what + " format version must be within [1, 127], found " + version);
    }
    return putByte(version);
  }

  /**
   * Writes one byte.
   *
   * @param value the byte, as an int in [-128, 255]
   * @return this writer
   */
  public StateWriter putByte(int value) {
    ensure(1).put((byte) value);
    return this;
  }

  /**
   * Writes a boolean as one byte (0 or 1).
   *
   * @param value the value
   * @return this writer
   */
  public StateWriter putBoolean(boolean value) {
    return putByte(value ? 1 : 0);
  }

  /**
   * Writes a 4-byte int.
   *
   * @param value the value
   * @return this writer
   */
  public StateWriter putInt(int value) {
    ensure(4).putInt(value);
    return this;
  }

  /**
   * Writes an 8-byte long.
   *
   * @param value the value
   * @return this writer
   */
  public StateWriter putLong(long value) {
    ensure(8).putLong(value);
    return this;
  }

  /**
   * Writes an 8-byte IEEE double, bit-exact (NaN payloads included).
   *
   * @param value the value
   * @return this writer
   */
  public StateWriter putDouble(double value) {
    ensure(8).putLong(Double.doubleToRawLongBits(value));
    return this;
  }

  /**
   * Writes a length-prefixed UTF-8 string.
   *
   * @param value the string, not null
   * @return this writer
   */
  public StateWriter putString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    putInt(utf8.length);
    ensure(utf8.length).put(utf8);
    return this;
  }

  /**
   * Writes a length-prefixed byte array.
   *
   * @param value the bytes, not null
   * @return this writer
   */
  public StateWriter putBytes(byte[] value) {
    putInt(value.length);
    ensure(value.length).put(value);
    return this;
  }

  /**
   * Writes bytes as they are, without a length: a part encoded once by the same codec and reused.
   *
   * @param encoded the bytes
   * @return this writer
   */
  public StateWriter putRaw(byte[] encoded) {
    ensure(encoded.length).put(encoded);
    return this;
  }

  /**
   * Writes a length-prefixed array of doubles.
   *
   * @param values the values, not null
   * @return this writer
   */
  public StateWriter putDoubles(double[] values) {
    return putDoubles(values, 0, values.length);
  }

  /**
   * Writes a length-prefixed slice of an array of doubles.
   *
   * @param values the values
   * @param from first index written
   * @param count number of values written
   * @return this writer
   */
  public StateWriter putDoubles(double[] values, int from, int count) {
    putInt(count);
    ByteBuffer target = ensure(8 * count);
    for (int i = from; i < from + count; i++) {
      target.putLong(Double.doubleToRawLongBits(values[i]));
    }
    return this;
  }

  /**
   * Writes a length-prefixed slice of an array of floats.
   *
   * @param values the values
   * @param from first index written
   * @param count number of values written
   * @return this writer
   */
  public StateWriter putFloats(float[] values, int from, int count) {
    putInt(count);
    ByteBuffer target = ensure(4 * count);
    for (int i = from; i < from + count; i++) {
      target.putInt(Float.floatToRawIntBits(values[i]));
    }
    return this;
  }

  /**
   * Returns the bytes written so far.
   *
   * @return a new array holding exactly the written bytes
   */
  public byte[] toBytes() {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private ByteBuffer ensure(int bytes) {
    if (buffer.remaining() < bytes) {
      int needed = buffer.position() + bytes;
      int capacity = Math.max(needed, buffer.capacity() * 2);
      ByteBuffer bigger = ByteBuffer.allocate(capacity);
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
    return buffer;
  }
}
