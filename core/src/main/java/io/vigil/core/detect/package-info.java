/**
 * One device's detection, end to end after scoring: threshold, warm-up, learning and episodes.
 *
 * <p>{@link io.vigil.core.detect.DeviceDetector} is the facade the Kafka Streams processor, the
 * offline backtest and the evaluation tool all call with each scored window; it returns a {@link
 * io.vigil.core.detect.Detection} value and encodes its whole state for a state store. {@link
 * io.vigil.core.detect.DetectionPolicy} is the plain Java form of the {@code ThresholdPolicy}
 * record that configures it and may be replaced at runtime.
 */
package io.vigil.core.detect;
