package io.vigil.core.engine;

/**
 * What a caller wants from the model besides the scores, per scored window: the reconstruction (the
 * denoised window, raw units) and the latent code (the window's embedding). Both are off unless
 * asked for, and a scorer fetches only what is asked, so they cost nothing when off.
 *
 * @param reconstruction whether to return each window's reconstruction, {@code [W][F]}
 * @param latent whether to return each window's latent code, {@code [L]}
 */
public record ExtraOutputs(boolean reconstruction, boolean latent) {

  /** Scores only. */
  public static final ExtraOutputs NONE = new ExtraOutputs(false, false);

  /**
   * Returns whether anything beyond the scores is asked for.
   *
   * @return reconstruction or latent
   */
  public boolean any() {
    return reconstruction || latent;
  }
}
