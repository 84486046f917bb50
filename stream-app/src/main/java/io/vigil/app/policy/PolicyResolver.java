package io.vigil.app.policy;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.schemas.ThresholdPolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which policy applies to a device: its own device-scoped policy if the active-policy store has
 * one, else the fleet policy, else the built-in default ({@link DetectionDefaults#policy}). Mapped
 * policies are cached per key and remapped only when the record changes. One per stream task.
 */
public final class PolicyResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyResolver.class);

  private final ReadOnlyKeyValueStore<String, ThresholdPolicy> active;
  private final double suggestedThreshold;
  private final DetectionPolicy fallback;
  private final Map<String, Cached> cache = new HashMap<>();

  private record Cached(ThresholdPolicy record, DetectionPolicy policy) {}

  public PolicyResolver(
      ReadOnlyKeyValueStore<String, ThresholdPolicy> active,
      double suggestedThreshold,
      int window,
      int stride) {
    this.active = active;
    this.suggestedThreshold = suggestedThreshold;
    this.fallback = DetectionDefaults.policy(suggestedThreshold, window, stride);
  }

  /** The policy in force for {@code deviceId}. */
  public DetectionPolicy forDevice(String deviceId) {
    DetectionPolicy own = lookup(PolicyKey.device(deviceId));
    if (own != null) {
      return own;
    }
    DetectionPolicy fleet = lookup(PolicyKey.FLEET);
    return fleet != null ? fleet : fallback;
  }

  private DetectionPolicy lookup(String key) {
    ThresholdPolicy record = active.get(key);
    if (record == null) {
      cache.remove(key);
      return null;
    }
    Cached cached = cache.get(key);
    if (cached != null && cached.record().equals(record)) {
      return cached.policy();
    }
    try {
      DetectionPolicy policy = PolicyMapper.toDetectionPolicy(record, suggestedThreshold);
      cache.put(key, new Cached(record, policy));
      return policy;
    } catch (PolicyRejectedException e) {
      // Records reach the active store only after validation; this guards against a store written
      // by hand.
      LOG.warn("ignoring active policy under '{}': {}", key, e.getMessage());
      return null;
    }
  }
}
