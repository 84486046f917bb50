package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;

/**
 * Creates thresholds from specs, restores them from stored bytes, and carries learned state across
 * a policy change where that is meaningful.
 *
 * <p>Rules of {@link #reconfigure(AdaptiveThreshold, ThresholdSpec)}: a different method always
 * starts afresh. Within the same method: STATIC takes the new value and keeps its count of scores
 * (so a caller's warm-up is not restarted by a new fixed value); EWMA keeps mean and variance under
 * the new alpha and k; QUANTILE keeps its digest unless the compression changed; SPOT keeps t, the
 * counts and the peaks unless level or initSize changed (a new q or maxPeaks is applied to the kept
 * tail); DSPOT likewise, and also starts afresh when depth changed; LIKELIHOOD keeps its recent
 * scores and long-run moments unless shortWindow changed.
 */
public final class ThresholdFactory {
  private ThresholdFactory() {}

  /**
   * A threshold after a policy change, and whether it kept what it had learned.
   *
   * @param threshold the threshold to use from now on
   * @param stateKept true when learned state was carried over, false when it starts afresh
   */
  public record Reconfigured(AdaptiveThreshold threshold, boolean stateKept) {}

  /**
   * Creates an empty threshold for a spec.
   *
   * @param spec a validated spec
   * @return the threshold
   */
  public static AdaptiveThreshold create(ThresholdSpec spec) {
    return switch (spec.method()) {
      case STATIC -> StaticThreshold.create(spec);
      case EWMA -> EwmaThreshold.create(spec);
      case QUANTILE -> QuantileThreshold.create(spec);
      case SPOT -> SpotThreshold.create(spec);
      case DSPOT -> DspotThreshold.create(spec);
      case LIKELIHOOD -> LikelihoodThreshold.create(spec);
    };
  }

  /**
   * Applies a new spec to an existing threshold.
   *
   * @param current the threshold in use
   * @param next the new spec
   * @return the threshold to use and whether state was kept
   */
  public static Reconfigured reconfigure(AdaptiveThreshold current, ThresholdSpec next) {
    if (current.method() != next.method()) {
      return new Reconfigured(create(next), false);
    }
    AdaptiveThreshold kept = null;
    if (current instanceof StaticThreshold fixed) {
      kept = fixed.retune(next);
    } else if (current instanceof EwmaThreshold ewma) {
      kept = ewma.retune(next);
    } else if (current instanceof QuantileThreshold quantile) {
      kept = quantile.retune(next);
    } else if (current instanceof SpotThreshold spot) {
      kept = spot.retune(next);
    } else if (current instanceof DspotThreshold dspot) {
      kept = dspot.retune(next);
    } else if (current instanceof LikelihoodThreshold likelihood) {
      kept = likelihood.retune(next);
    }
    return kept == null ? new Reconfigured(create(next), false) : new Reconfigured(kept, true);
  }

  /**
   * Restores any threshold from the bytes of its {@link AdaptiveThreshold#toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold, of the method recorded in the bytes
   * @throws io.vigil.core.codec.CorruptStateException when the bytes cannot be decoded
   */
  public static AdaptiveThreshold restore(byte[] bytes) {
    StateReader in = StateReader.of(ThresholdCodec.WHAT, bytes);
    ThresholdMethod method = ThresholdCodec.readHeader(in);
    AdaptiveThreshold threshold =
        switch (method) {
          case STATIC -> StaticThreshold.read(in);
          case EWMA -> EwmaThreshold.read(in);
          case QUANTILE -> QuantileThreshold.read(in);
          case SPOT -> SpotThreshold.read(in);
          case DSPOT -> DspotThreshold.read(in);
          case LIKELIHOOD -> LikelihoodThreshold.read(in);
        };
    in.expectEnd();
    return threshold;
  }
}
