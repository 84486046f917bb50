/**
 * The linear autoencoder: encoder and decoder are the leading principal components of scaled
 * windows. Fitted in closed form in seconds, it is the quick model for the demo and the stream
 * tests, and a baseline for the trained kinds.
 */
package io.vigil.model.linear;
