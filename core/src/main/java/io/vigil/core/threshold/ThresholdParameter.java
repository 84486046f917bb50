package io.vigil.core.threshold;

import io.vigil.core.policy.Range;

/**
 * One named parameter of a threshold method: its default (or none when required), the range of
 * allowed values and what it means.
 *
 * @param name the key in the policy's parameter map
 * @param defaultValue the value used when the key is absent; null when the parameter is required
 * @param range the allowed values
 * @param description what the parameter controls
 */
public record ThresholdParameter(
    String name, Double defaultValue, Range range, String description) {

  /**
   * A parameter that must be given.
   *
   * @param name the key
   * @param range allowed values
   * @param description meaning
   * @return the parameter
   */
  static ThresholdParameter required(String name, Range range, String description) {
    return new ThresholdParameter(name, null, range, description);
  }

  /**
   * A parameter with a default.
   *
   * @param name the key
   * @param defaultValue value used when absent
   * @param range allowed values
   * @param description meaning
   * @return the parameter
   */
  static ThresholdParameter optional(
      String name, double defaultValue, Range range, String description) {
    return new ThresholdParameter(name, defaultValue, range, description);
  }

  /**
   * Whether the parameter must be given.
   *
   * @return true when there is no default
   */
  public boolean isRequired() {
    return defaultValue == null;
  }
}
