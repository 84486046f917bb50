package io.vigil.app.policy;

import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.ThresholdPolicy;

/**
 * The key of a policy in the active-policy store: {@code fleet} for the fleet policy, {@code
 * device:<id>} for one device's. Compaction keeps the latest policy per key.
 */
public final class PolicyKey {
  public static final String FLEET = "fleet";
  private static final String DEVICE_PREFIX = "device:";

  private PolicyKey() {}

  /** The key of one device's policy. */
  public static String device(String deviceId) {
    return DEVICE_PREFIX + deviceId;
  }

  /** The key a policy record belongs under. */
  public static String of(ThresholdPolicy policy) {
    return policy.getScope() == PolicyScope.FLEET ? FLEET : device(policy.getDeviceId());
  }
}
