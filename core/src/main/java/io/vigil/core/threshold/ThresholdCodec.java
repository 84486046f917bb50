package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;

/**
 * The common header of every threshold's state: format version, then the method's stable code. Kept
 * in one place so {@link ThresholdFactory#restore(byte[])} can dispatch on it.
 */
final class ThresholdCodec {
  static final String WHAT = "AdaptiveThreshold";
  static final int FORMAT = 1;

  private ThresholdCodec() {}

  static StateWriter start(ThresholdMethod method) {
    return new StateWriter(64).format(WHAT, FORMAT).putByte(method.code());
  }

  /** Reads the header and returns the method it names. */
  static ThresholdMethod readHeader(StateReader in) {
    in.expectFormat(FORMAT);
    int code = in.getByte("method");
    ThresholdMethod method = ThresholdMethod.fromCode(code);
    if (method == null) {
      throw in.invalid("method", "has unknown code " + code);
    }
    return method;
  }

  /** Opens bytes that must hold a given method's state. */
  static StateReader open(byte[] bytes, ThresholdMethod expected) {
    StateReader in = StateReader.of(WHAT, bytes);
    ThresholdMethod found = readHeader(in);
    if (found != expected) {
      throw in.invalid("method", "is " + found + ", expected " + expected);
    }
    return in;
  }
}
