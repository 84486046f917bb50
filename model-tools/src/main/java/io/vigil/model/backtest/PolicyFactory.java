package io.vigil.model.backtest;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;

/** Makes the policy a backtest runs under, once the model (its threshold and shape) is known. */
@FunctionalInterface
public interface PolicyFactory {
  /** The built-in default, as the stream uses when no policy is published. */
  PolicyFactory DEFAULT = DetectionDefaults::policy;

  /**
   * Returns the policy for a model.
   *
   * @param suggestedThreshold the model's suggested threshold
   * @param window the model's W
   * @param stride the model's S
   * @return the validated policy
   */
  DetectionPolicy policy(double suggestedThreshold, int window, int stride);
}
