package io.vigil.simulate;

/** The kinds of fault the simulator injects. */
public enum AnomalyKind {
  /** A few frames far off the normal range on one channel. */
  SPIKE,
  /** One channel steps to a new level and stays there for the anomaly's length. */
  LEVEL_SHIFT,
  /** One channel walks steadily away from normal. */
  DRIFT,
  /** One sensor repeats its last value: the signal stops moving. */
  FROZEN,
  /** One channel's noise grows several times over. */
  NOISE_BURST,
  /**
   * Flow stops following pressure, as with a leak or a stuck valve: each value alone looks normal.
   */
  BROKEN_CORRELATION
}
