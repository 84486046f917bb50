package io.vigil.model.train;

import java.util.Arrays;
import java.util.Locale;

/** The autoencoder architectures Vigil trains; the name is written to {@code vigil.kind}. */
public enum ModelKind {
  /** Fully connected layers over the flattened window. */
  DENSE,
  /** Encoder LSTM, latent code repeated over time, decoder LSTM, per-step linear layer. */
  LSTM,
  /** Strided 1-D convolutions over time, mirrored by upsampling convolutions. */
  CONV,
  /** Variational: a Gaussian code sampled in training; the export decodes the code's mean. */
  VAE,
  /** Dense, trained with an L1 penalty on the code's activity. */
  SPARSE,
  /** Dense, trained with the squared Frobenius norm of the encoder's Jacobian as a penalty. */
  CONTRACTIVE;

  /**
   * Parses a kind, case-insensitively.
   *
   * @param value one of {@link #ids()}
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

  /** Returns whether the network is fully connected over the flattened window. */
  public boolean fullyConnected() {
    return this == DENSE || this == VAE || this == SPARSE || this == CONTRACTIVE;
  }

  /** Returns whether training adds a penalty term, weighted by {@link TrainingOptions#penalty}. */
  public boolean penalised() {
    return this == VAE || this == SPARSE || this == CONTRACTIVE;
  }

  /** Returns every kind's name, in declaration order. */
  public static String[] ids() {
    return Arrays.stream(values()).map(ModelKind::id).toArray(String[]::new);
  }
}
