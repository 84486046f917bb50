package io.vigil.core.threshold;

import java.util.OptionalDouble;

/**
 * A per-device threshold that learns from the scores it is shown.
 *
 * <p>The caller decides which scores to show: the detector feeds only windows outside an anomaly
 * episode, so an anomaly does not teach the threshold that it is normal. Implementations hold
 * bounded memory, never read a clock, and encode their complete state, configuration included, with
 * {@link #toBytes()}; {@link ThresholdFactory#restore(byte[])} reads it back and the restored
 * object continues exactly as the original would have.
 */
public sealed interface AdaptiveThreshold
    permits StaticThreshold,
        EwmaThreshold,
        QuantileThreshold,
        SpotThreshold,
        DspotThreshold,
        LikelihoodThreshold {

  /**
   * Returns the algorithm.
   *
   * @return the method
   */
  ThresholdMethod method();

  /**
   * Whether enough has been learned to give a threshold (e.g. SPOT after calibration).
   *
   * @return true when {@link #current()} has a value
   */
  boolean isReady();

  /**
   * Returns the threshold a score is compared with now.
   *
   * @return the threshold, or empty while not {@link #isReady() ready}
   */
  OptionalDouble current();

  /**
   * Learns from one score.
   *
   * @param score a finite score >= 0
   * @throws IllegalArgumentException when the score is not finite or negative
   */
  void observe(double score);

  /**
   * Is told a score that was just compared with {@link #current()}, whether or not it will be
   * learned. Only a threshold that tests recent scores together uses it (LIKELIHOOD: the scores
   * before a window belong to its recent mean even inside an episode, where nothing is learned);
   * the others ignore it.
   *
   * @param score the score judged, finite and >= 0
   */
  default void judged(double score) {}

  /**
   * Returns how many scores were shown to {@link #observe(double)}.
   *
   * @return the count
   */
  long observations();

  /**
   * Encodes the whole state, configuration included, with a leading format version.
   *
   * @return the bytes
   */
  byte[] toBytes();

  /**
   * Checks a score before it is learned from.
   *
   * @param score the score
   * @return the score
   */
  static double checkScore(double score) {
    if (!Double.isFinite(score) || score < 0) {
      throw new IllegalArgumentException("score is " + score + "; expected a finite value >= 0");
    }
    return score;
  }
}
