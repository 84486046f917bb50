package io.vigil.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link StateWriter} wrote, failing with a {@link CorruptStateException} that names
 * the type being decoded, the field and the byte offset when the input is short or malformed.
 */
public final class StateReader {
  private final String what;
  private final ByteBuffer buffer;

  private StateReader(String what, ByteBuffer buffer) {
    this.what = what;
    this.buffer = buffer;
  }

  /**
   * Starts reading the state of a type.
   *
   * @param what the decoded type, used in error messages
   * @param bytes the encoded state; null is reported as corrupt
   * @return a reader positioned at the first byte
   */
  public static StateReader of(String what, byte[] bytes) {
    if (bytes == null) {
      throw new CorruptStateException(what + " state: expected bytes, found null");
    }
    return new StateReader(what, ByteBuffer.wrap(bytes));
  }

  /**
   * Reads the leading format version byte and checks it.
   *
   * @param supported the single format version this code reads
   * @return this reader
   */
  public StateReader expectFormat(int supported) {
    int found = getByte("format version");
    if (found != supported) {
      throw new CorruptStateException(
          what
              + " state: unsupported format version "
              + found
              + ", expected "
              + supported
              + " (state written by a newer or unrelated codec)");
    }
    return this;
  }

  /**
   * Reads one byte.
   *
   * @param field the field, for error messages
   * @return the byte as a signed int
   */
  public int getByte(String field) {
    need(field, 1);
    return buffer.get();
  }

  /**
   * Reads a boolean written as 0 or 1.
   *
   * @param field the field, for error messages
   * @return the value
   */
  public boolean getBoolean(String field) {
    int offset = buffer.position();
    int b = getByte(field);
    if (b != 0 && b != 1) {
      throw corrupt(field, offset, "a boolean 0 or 1, found " + b);
    }
    return b == 1;
  }

  /**
   * Reads a 4-byte int.
   *
   * @param field the field, for error messages
   * @return the value
   */
  public int getInt(String field) {
    need(field, 4);
    return buffer.getInt();
  }

  /**
   * Reads a 4-byte int and checks it lies in a closed range, as counts and sizes must.
   *
   * @param field the field, for error messages
   * @param min smallest allowed value
   * @param max largest allowed value
   * @return the value
   */
  public int getInt(String field, int min, int max) {
    int offset = buffer.position();
    int value = getInt(field);
    if (value < min || value > max) {
      throw corrupt(field, offset, "a value in [" + min + ", " + max + "], found " + value);
    }
    return value;
  }

  /**
   * Reads an 8-byte long.
   *
   * @param field the field, for error messages
   * @return the value
   */
  public long getLong(String field) {
    need(field, 8);
    return buffer.getLong();
  }

  /**
   * Reads an 8-byte double.
   *
   * @param field the field, for error messages
   * @return the value, bit-exact
   */
  public double getDouble(String field) {
    need(field, 8);
    return Double.longBitsToDouble(buffer.getLong());
  }

  /**
   * Reads a length-prefixed UTF-8 string.
   *
   * @param field the field, for error messages
   * @return the string
   */
  public String getString(String field) {
    int length = getInt(field + " length", 0, Integer.MAX_VALUE);
    need(field, length);
    byte[] utf8 = new byte[length];
    buffer.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Reads a length-prefixed byte array.
   *
   * @param field the field, for error messages
   * @return the bytes
   */
  public byte[] getBytes(String field) {
    int length = getInt(field + " length", 0, Integer.MAX_VALUE);
    need(field, length);
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * Reads a length-prefixed array of doubles whose length must not exceed a bound.
   *
   * @param field the field, for error messages
   * @param maxLength the largest length the owning class allows
   * @return the values
   */
  public double[] getDoubles(String field, int maxLength) {
    int length = getInt(field + " length", 0, maxLength);
    need(field, 8L * length);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = Double.longBitsToDouble(buffer.getLong());
    }
    return values;
  }

  /**
   * Reads a length-prefixed array of floats of exactly the expected length into a slice of {@code
   * target}.
   *
   * @param field the field, for error messages
   * @param target where the values go
   * @param from first index written
   * @param length the length the owning class expects
   */
  public void getFloats(String field, float[] target, int from, int length) {
    int found = getInt(field + " length", 0, Integer.MAX_VALUE);
    if (found != length) {
      throw invalid(field, "has " + found + " values, expected " + length);
    }
    need(field, 4L * length);
    for (int i = 0; i < length; i++) {
      target[from + i] = Float.intBitsToFloat(buffer.getInt());
    }
  }

  /**
   * Checks that every byte was consumed; trailing bytes mean the codec and the data disagree.
   *
   * @return this reader
   */
  public StateReader expectEnd() {
    if (buffer.hasRemaining()) {
      throw new CorruptStateException(
          what
              + " state: "
              + buffer.remaining()
              + " unexpected trailing bytes at offset "
              + buffer.position());
    }
    return this;
  }

  /**
   * Builds an exception for a value that decoded but violates an invariant.
   *
   * @param field the field
   * @param problem what was found and what was expected
   * @return the exception, for the caller to throw
   */
  public CorruptStateException invalid(String field, String problem) {
    return new CorruptStateException(what + " state: field '" + field + "' " + problem);
  }

  private void need(String field, long bytes) {
    if (buffer.remaining() < bytes) {
      throw corrupt(
          field,
          buffer.position(),
          bytes + " more bytes, only " + buffer.remaining() + " left (truncated)");
    }
  }

  private CorruptStateException corrupt(String field, int offset, String expected) {
    return new CorruptStateException(
        what + " state: field '" + field + "' at offset " + offset + ": expected " + expected);
  }
}
