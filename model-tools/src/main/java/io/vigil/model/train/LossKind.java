package io.vigil.model.train;

import java.util.Locale;

/**
 * The reconstruction loss minimised in training. The contract scores with squared errors, so MSE
 * trains for the score Vigil uses; MAE (the SKAB reference's choice) is less swayed by outliers in
 * the training rows.
 */
public enum LossKind {
  /** Mean squared error. */
  MSE,
  /** Mean absolute error. */
  MAE;

  /**
   * Parses {@code mse} or {@code mae}, case-insensitively.
   *
   * @param value the name
   * @return the loss
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static LossKind parse(String value) {
    for (LossKind loss : values()) {
      if (loss.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
        return loss;
      }
    }
    throw new IllegalArgumentException("loss = '" + value + "', expected one of [mse, mae]");
  }
}
