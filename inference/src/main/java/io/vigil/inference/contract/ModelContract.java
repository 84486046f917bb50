package io.vigil.inference.contract;

import java.util.List;

/**
 * Names of the Vigil model contract, version 1: the input and output tensor names and the {@code
 * metadata_props} keys. Exporters and the loader both read them from here so that the two sides
 * cannot drift apart; see the package documentation for the meaning of each.
 */
public final class ModelContract {

  /** The contract version this code implements and accepts. */
  public static final int VERSION = 1;

  /** Input: float32 {@code [batch, W, F]}, raw sensor units. */
  public static final String INPUT_WINDOW = "window";

  /** Required output: float32 {@code [batch, W, F]}, raw sensor units. */
  public static final String OUTPUT_RECONSTRUCTION = "reconstruction";

  /** Optional output: float32 {@code [batch]}, the mean of the channel scores. */
  public static final String OUTPUT_SCORE = "score";

  /** Optional output: float32 {@code [batch, F]}, the mean over time of the squared error. */
  public static final String OUTPUT_CHANNEL_SCORES = "channel_scores";

  /**
   * Optional output: float32 {@code [batch, L]}, the window's latent code (the autoencoder's
   * bottleneck; a VAE's mean). L is fixed by the model and read from this output's shape. Models
   * without it still score; only the embeddings output needs it.
   */
  public static final String OUTPUT_LATENT = "latent";

  /** Prefix of every contract metadata key; unknown keys with it are refused. */
  public static final String KEY_PREFIX = "vigil.";

  /** Contract version, the string {@code "1"}. */
  public static final String KEY_CONTRACT = "vigil.contract";

  /** Model identifier, carried by every anomaly event. */
  public static final String KEY_MODEL_ID = "vigil.model_id";

  /** Model version, carried by every anomaly event. */
  public static final String KEY_MODEL_VERSION = "vigil.model_version";

  /** Architecture, e.g. dense, lstm, conv, vae, linear. */
  public static final String KEY_KIND = "vigil.kind";

  /** JSON array of the feature names, in channel order. */
  public static final String KEY_FEATURES = "vigil.features";

  /** Window length W, in frames. */
  public static final String KEY_WINDOW = "vigil.window";

  /** Stride S between consecutive windows, in frames. */
  public static final String KEY_STRIDE = "vigil.stride";

  /** JSON object {@code {"mean":[..],"std":[..]}}; optional. */
  public static final String KEY_SCALER = "vigil.scaler";

  /** A positive score threshold suggested by the trainer. */
  public static final String KEY_SUGGESTED_THRESHOLD = "vigil.suggested_threshold";

  /** JSON object describing where the model came from. */
  public static final String KEY_PROVENANCE = "vigil.provenance";

  /** Keys a contract model must carry. */
  public static final List<String> REQUIRED_KEYS =
      List.of(
          KEY_CONTRACT,
          KEY_MODEL_ID,
          KEY_MODEL_VERSION,
          KEY_KIND,
          KEY_FEATURES,
          KEY_WINDOW,
          KEY_STRIDE,
          KEY_SUGGESTED_THRESHOLD,
          KEY_PROVENANCE);

  /** Every key of the contract, required and optional, in documentation order. */
  public static final List<String> ALL_KEYS =
      List.of(
          KEY_CONTRACT,
          KEY_MODEL_ID,
          KEY_MODEL_VERSION,
          KEY_KIND,
          KEY_FEATURES,
          KEY_WINDOW,
          KEY_STRIDE,
          KEY_SCALER,
          KEY_SUGGESTED_THRESHOLD,
          KEY_PROVENANCE);

  /** The model inputs the contract allows. */
  public static final List<String> INPUTS = List.of(INPUT_WINDOW);

  /** The model outputs Vigil reads; a model may have others, which are never requested. */
  public static final List<String> OUTPUTS =
      List.of(OUTPUT_RECONSTRUCTION, OUTPUT_SCORE, OUTPUT_CHANNEL_SCORES, OUTPUT_LATENT);

  private ModelContract() {}
}
