package io.vigil.model.train;

import java.util.Arrays;
import java.util.Locale;

/** The autoencoder architectures Vigil trains; the name is written to {@code vigil.kind}. */
public enum ModelKind {
  /** Fully connected layers over the flattened window. */
  DENSE,
  /** Encoder LSTM, latent code repeated over time, decoder LSTM, per-step linear layer. */
  LSTM;

  /**
   * Parses a kind, case-insensitively.
   *
   * @param value {@code dense} or {@code lstm}
   * @return the kind
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static ModelKind parse(String value) {
    for (ModelKind kind : values()) {
      if (kind.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "kind = '" + value + "', expected one of " + Arrays.toString(ids()));
  }

  /** Returns the name used on the command line and in the model metadata. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String[] ids() {
    return Arrays.stream(values()).map(ModelKind::id).toArray(String[]::new);
  }
}
