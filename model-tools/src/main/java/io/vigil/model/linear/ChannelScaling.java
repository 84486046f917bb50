package io.vigil.model.linear;

/**
 * How a linear autoencoder scales each channel: the unit in which the model reconstructs, and in
 * which the contract scores, that channel's errors.
 */
public enum ChannelScaling {
  /** By the channel's standard deviation: every channel's spread weighs alike. */
  SPREAD,

  /**
   * By the geometric mean of the channel's standard deviation and its noise level (the standard
   * deviation of first differences over the square root of two). A channel whose fine structure
   * stands well clear of its sensor noise weighs more than its spread alone would make it: a pump
   * stroke that stops (a frozen sensor) or turns against the other channels (a broken correlation)
   * costs more than with {@link #SPREAD}, while a noisy channel does not drown the score.
   */
  SPREAD_AND_NOISE,

  /** By the channel's noise level alone: every channel's sensor noise weighs alike. */
  NOISE
}
