package io.vigil.model.evaluate;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.GapFillPolicy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How an evaluation detects: the threshold method and its parameters, the warm-up, the alert rule
 * and the gap filling, as a stream deployment would configure them. The model's suggested threshold
 * completes the policy per model ({@link #policy(double)}); for STATIC it is the fixed value unless
 * the parameters give one.
 *
 * @param method the threshold method
 * @param parameters the method's parameters (validated by {@link ThresholdSpec})
 * @param warmupWindows windows before anything may exceed
 * @param alertRule when episodes open and close
 * @param gapFill how irregular frame times and missing values are handled
 */
public record DetectionSettings(
    ThresholdMethod method,
    Map<String, Double> parameters,
    int warmupWindows,
    AlertRule alertRule,
    GapFillPolicy gapFill) {

  /**
   * Copies the parameters and checks them against the method once, with a placeholder threshold.
   */
  public DetectionSettings {
    parameters = Map.copyOf(parameters);
    // Fields are assigned after this block, so the check uses the parameters directly.
    new DetectionPolicy("check", 0, spec(method, parameters, warmupWindows, 1.0), alertRule);
  }

  /**
   * Returns the policy for a model.
   *
   * @param suggestedThreshold the model's {@code vigil.suggested_threshold}
   * @return the validated policy
   */
  public DetectionPolicy policy(double suggestedThreshold) {
    return new DetectionPolicy(
        "evaluation-" + method.name().toLowerCase(Locale.ROOT),
        1,
        spec(method, parameters, warmupWindows, suggestedThreshold),
        alertRule);
  }

  private static ThresholdSpec spec(
      ThresholdMethod method, Map<String, Double> parameters, int warmup, double suggested) {
    Map<String, Double> resolved = new HashMap<>(parameters);
    if (method == ThresholdMethod.STATIC) {
      resolved.putIfAbsent("value", suggested);
    }
    return new ThresholdSpec(method, resolved, warmup, suggested);
  }
}
