/**
 * The Vigil model contract, version 1: what an ONNX autoencoder must look like for Vigil to score
 * with it, and the validation that refuses a model that does not.
 *
 * <p>A contract model has one input and one to four outputs, all float32:
 *
 * <ul>
 *   <li>input {@code window}: {@code [batch, W, F]}, in raw sensor units; {@code batch} is a
 *       symbolic dimension, {@code W} and {@code F} are fixed or symbolic (then the metadata gives
 *       them).
 *   <li>output {@code reconstruction}: {@code [batch, W, F]}, raw units (required).
 *   <li>output {@code score}: {@code [batch]} (optional).
 *   <li>output {@code channel_scores}: {@code [batch, F]} (optional).
 *   <li>output {@code latent}: {@code [batch, L]}, the window's code, L fixed (optional; needed
 *       only for the embeddings output, and never fetched otherwise).
 * </ul>
 *
 * <p>With the scaler's per-feature {@code std}: {@code e = (window - reconstruction) / std}; {@code
 * channel_scores[b, f] = mean over t of e[b, t, f]^2}; {@code score[b] = mean over f of
 * channel_scores[b, f]}. Vigil computes the optional outputs with this formula when a model lacks
 * them.
 *
 * <p>The model's {@code metadata_props} carry these string keys ({@link
 * io.vigil.inference.contract.ModelContract} holds the names):
 *
 * <ul>
 *   <li>{@code vigil.contract} — {@code "1"} (required)
 *   <li>{@code vigil.model_id} — non-blank identifier (required)
 *   <li>{@code vigil.model_version} — non-blank version (required)
 *   <li>{@code vigil.kind} — architecture, e.g. {@code dense}, {@code lstm}, {@code conv}, {@code
 *       vae}, {@code linear} (required, free text)
 *   <li>{@code vigil.features} — JSON array of the F feature names, in channel order, unique
 *       (required)
 *   <li>{@code vigil.window} — W, a positive integer (required)
 *   <li>{@code vigil.stride} — S, an integer in [1, W] (required)
 *   <li>{@code vigil.scaler} — JSON {@code {"mean":[F numbers],"std":[F numbers > 0]}} (optional:
 *       absent means mean 0, std 1)
 *   <li>{@code vigil.suggested_threshold} — a finite positive number (required)
 *   <li>{@code vigil.provenance} — a JSON object, free-form: data source, rows, seed, trainer
 *       (required: every model says where it came from)
 * </ul>
 *
 * <p>Any other key starting with {@code vigil.} is refused, so that a misspelt optional key (a
 * scaler, say) cannot be silently ignored. Keys outside the {@code vigil.} namespace are left
 * alone.
 */
package io.vigil.inference.contract;
