package io.vigil.core.detect;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.threshold.ThresholdSpec;

/**
 * A versioned detection policy: how the threshold is computed and when episodes open and close.
 *
 * <p>The plain Java mirror of the Avro {@code ThresholdPolicy} record (the stream app maps one into
 * the other); its parts are validated on construction, so holding one means it is usable. The
 * model's suggested threshold, which the Avro policy does not carry, is part of the {@link
 * ThresholdSpec}: the caller fills it from the model's metadata.
 *
 * @param policyId the policy's id, non-empty
 * @param version increases with every change of this policy id, >= 0
 * @param threshold how the threshold is computed
 * @param alertRule when episodes open, close and update
 */
public record DetectionPolicy(
    String policyId, long version, ThresholdSpec threshold, AlertRule alertRule) {

  /** Validates the id and version; the spec and rule validated themselves. */
  public DetectionPolicy {
    if (policyId == null || policyId.isBlank()) {
      throw new InvalidPolicyException(
          "policyId", policyId == null ? "missing" : "'" + policyId + "'", "a non-blank id");
    }
    if (version < 0) {
      throw new InvalidPolicyException("version", Long.toString(version), "[0, +inf)");
    }
    if (threshold == null) {
      throw new InvalidPolicyException("threshold", "missing", "a threshold spec");
    }
    if (alertRule == null) {
      throw new InvalidPolicyException("alertRule", "missing", "an alert rule");
    }
  }
}
