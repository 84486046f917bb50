package io.vigil.core.detect;

import io.vigil.core.alert.EpisodeEvent;
import java.util.Optional;

/**
 * The detector's verdict on one scored window: the threshold it was held against, whether it
 * exceeded, whether it was learned from, and the episode event it caused, if any.
 *
 * @param windowEnd event time of the window's last frame
 * @param score the window score
 * @param threshold the threshold in force for this window
 * @param exceeded {@code score > threshold}, and never during warm-up or for a stale window
 * @param phase where the threshold came from, or that the window was stale
 * @param learned whether the score was shown to the adaptive threshold
 * @param policyId id of the policy in force
 * @param policyVersion version of the policy in force
 * @param event the OPEN, UPDATE or CLOSE this window caused, if any
 */
public record Detection(
    long windowEnd,
    double score,
    double threshold,
    boolean exceeded,
    Phase phase,
    boolean learned,
    String policyId,
    long policyVersion,
    Optional<EpisodeEvent> event) {

  /** Where a detection's threshold came from. */
  public enum Phase {
    /**
     * Fewer scores than the warm-up length: the model's suggested threshold is reported and no
     * window exceeds.
     */
    WARMING_UP,
    /**
     * Warm-up is over but the adaptive threshold cannot give a value yet (e.g. SPOT still
     * calibrating): the model's suggested threshold applies and windows may exceed.
     */
    FALLBACK,
    /** The adaptive threshold applies. */
    ADAPTIVE,
    /**
     * The window did not end after the previous one (a replay or duplicate): it was ignored
     * entirely, nothing was learned and no event can follow; the caller should count it.
     */
    STALE
  }
}
