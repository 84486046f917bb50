/**
 * The linear autoencoder: encoder and decoder are the leading principal components of scaled
 * windows. Fitted in closed form in seconds, it is the quick model for the demo (with a stillness
 * term and a root-mean score, {@link io.vigil.model.linear.SimulatedFleetModels#DEMO_SETTINGS}) and
 * the stream tests, and a baseline for the trained kinds.
 */
package io.vigil.model.linear;
