package io.vigil.app.config;

import io.vigil.core.engine.ExtraOutputs;

/**
 * The optional per-window outputs, besides scores and anomaly events. Both are off by default: each
 * costs a model output fetched per window and a record written per window.
 *
 * @param denoised whether to publish each scored window's reconstruction, in raw units, to the
 *     {@code denoised} topic ({@code vigil.output.denoised})
 * @param embeddings whether to publish each scored window's latent code to the {@code embeddings}
 *     topic ({@code vigil.output.embeddings}); the model must have a {@code latent} output
 */
public record OutputSettings(boolean denoised, boolean embeddings) {

  /** Scores and events only: the default. */
  public static final OutputSettings NONE = new OutputSettings(false, false);

  /**
   * Returns what the detection engine must fetch from the model for these outputs.
   *
   * @return the reconstruction when denoised is on, the latent code when embeddings are
   */
  public ExtraOutputs extras() {
    return new ExtraOutputs(denoised, embeddings);
  }

  static OutputSettings read(VigilConfig.Reader r) {
    return new OutputSettings(
        r.flag("vigil.output.denoised", false), r.flag("vigil.output.embeddings", false));
  }
}
