package io.vigil.app.policy;

import io.vigil.app.ingest.ValueChecks;
import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.scoring.SeverityBands;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.ThresholdPolicy;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a policy record from the control topic into the core's validated {@link DetectionPolicy}.
 */
public final class PolicyMapper {
  /**
   * The longest policy id accepted: every score and event names the policy that produced it, so a
   * megabyte of id would make each of them too large to write.
   */
  public static final int MAX_ID_LENGTH = 256;

  private PolicyMapper() {}

  /**
   * Validates and maps {@code record}.
   *
   * @param suggestedThreshold the model's suggested threshold, used during warm-up
   * @throws PolicyRejectedException naming the policy, the field, the value and what is allowed
   */
  public static DetectionPolicy toDetectionPolicy(
      ThresholdPolicy record, double suggestedThreshold) {
    String id = record.getPolicyId();
    String what =
        String.format(
            Locale.ROOT,
            "policy '%s' version %d",
            id.length() <= MAX_ID_LENGTH ? id : id.substring(0, 32) + "...",
            record.getVersion());
    if (id.isBlank()) {
      throw new PolicyRejectedException(what + ": policyId is empty; expected a non-empty id");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new PolicyRejectedException(
          what
              + ": policyId has "
              + id.length()
              + " characters; expected at most "
              + MAX_ID_LENGTH);
    }
    if (record.getVersion() < 1) {
      throw new PolicyRejectedException(
          what + ": version " + record.getVersion() + " is invalid; expected >= 1");
    }
    boolean device = record.getScope() == PolicyScope.DEVICE;
    String deviceId = record.getDeviceId();
    if (device && (deviceId == null || deviceId.isBlank())) {
      throw new PolicyRejectedException(what + ": scope DEVICE needs a deviceId");
    }
    if (device && deviceId.length() > ValueChecks.MAX_DEVICE_ID_LENGTH) {
      throw new PolicyRejectedException(
          what
              + ": deviceId has "
              + deviceId.length()
              + " characters; expected at most "
              + ValueChecks.MAX_DEVICE_ID_LENGTH);
    }
    if (!device && deviceId != null) {
      throw new PolicyRejectedException(
          what + ": scope FLEET must not name a deviceId (found '" + deviceId + "')");
    }
    try {
      ThresholdSpec spec =
          new ThresholdSpec(
              ThresholdMethod.valueOf(record.getMethod().name()),
              Map.copyOf(record.getParameters()),
              record.getWarmupWindows(),
              suggestedThreshold);
      io.vigil.schemas.AlertRule r = record.getAlertRule();
      AlertRule rule =
          new AlertRule(
              r.getOpenWhenExceeded(),
              r.getOfLastWindows(),
              r.getCloseAfterNormal(),
              r.getUpdateIntervalMillis(),
              SeverityBands.of(r.getSeverityBands()),
              r.getTopChannels());
      return new DetectionPolicy(record.getPolicyId(), record.getVersion(), spec, rule);
    } catch (IllegalArgumentException e) {
      throw new PolicyRejectedException(what + ": " + e.getMessage(), e);
    }
  }
}
