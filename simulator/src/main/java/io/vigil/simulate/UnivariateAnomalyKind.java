package io.vigil.simulate;

/**
 * The kinds of anomaly the univariate simulator injects and labels. They are the ones public
 * univariate benchmark files label: points off the range, a level that moves and comes back, a
 * noisy stretch, and a day whose usual shape is missing.
 */
public enum UnivariateAnomalyKind {
  /** One to three rows far above the expected value. */
  SPIKE,
  /** One to three rows far below the expected value. */
  DIP,
  /** The level steps up or down for a few hours, then returns to where it was. */
  LEVEL_SHIFT,
  /** The noise grows several times over for a few hours. */
  NOISE_BURST,
  /** On a weekday the daily rise and fall do not happen: the value stays at its night level. */
  DAILY_PATTERN_MISSING
}
