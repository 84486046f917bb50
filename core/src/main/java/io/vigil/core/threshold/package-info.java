/**
 * Adaptive thresholds: how high a device's reconstruction error may go before a window counts as
 * exceeding.
 *
 * <p>A {@link io.vigil.core.threshold.ThresholdSpec} names a method and its parameters and is
 * validated once; {@link io.vigil.core.threshold.ThresholdFactory} turns it into an {@link
 * io.vigil.core.threshold.AdaptiveThreshold}, restores one from its stored bytes, and decides
 * whether learned state survives a policy change. The methods are a fixed value ({@link
 * io.vigil.core.threshold.StaticThreshold}), an exponentially weighted mean plus k deviations
 * ({@link io.vigil.core.threshold.EwmaThreshold}), a streaming quantile over a t-digest ({@link
 * io.vigil.core.threshold.QuantileThreshold}), peaks-over-threshold extreme value theory after
 * Siffer et al., KDD 2017 ({@link io.vigil.core.threshold.SpotThreshold}, and {@link
 * io.vigil.core.threshold.DspotThreshold} for drifting levels), and the anomaly likelihood of the
 * recent mean score ({@link io.vigil.core.threshold.LikelihoodThreshold}). Every implementation has
 * bounded memory and a versioned binary codec, because Kafka Streams keeps one per device in a
 * state store. Warm-up (no alerts before N scores) is applied by the caller, not here.
 */
package io.vigil.core.threshold;
