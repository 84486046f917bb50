package io.vigil.bench.model;

import java.util.Arrays;
import java.util.Locale;

/** Which model a bench run scores with. */
public enum ModelChoice {
  /** A dense autoencoder, trained at the start on the fleet's normal data (a few epochs). */
  DENSE,
  /** An LSTM autoencoder, trained the same way. */
  LSTM,
  /** The demo's linear autoencoder (leading principal components), fitted in about a second. */
  LINEAR,
  /** A contract ONNX model given by the user. */
  FILE;

  /**
   * Parses {@code dense}, {@code lstm} or {@code linear}, case-insensitively.
   *
   * @param value the option value
   * @return the choice
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static ModelChoice parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ModelChoice c : values()) {
      if (c != FILE && c.id().equals(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "--model '" + value + "' is unknown, expected one of " + Arrays.toString(trained()));
  }

  /** Returns the lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String[] trained() {
    return new String[] {DENSE.id(), LSTM.id(), LINEAR.id()};
  }
}
