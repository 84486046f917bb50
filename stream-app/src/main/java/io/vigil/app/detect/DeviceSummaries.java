package io.vigil.app.detect;

import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.engine.ScoredWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fleet page shows of each device this instance holds, kept up to date by the detection
 * stage as it judges windows, so that listing 10,000 devices reads a map instead of decoding every
 * device's stored state. Stream threads write (one task per device), the dashboard reads; entries
 * are added when a task starts (from its stores) or a device scores a window, and removed when the
 * task moves away or the device expires.
 */
public final class DeviceSummaries {

  /**
   * One device.
   *
   * @param snapshot its detection state
   * @param lastScore its last window's score, NaN before the first this instance saw
   * @param lastThreshold that window's threshold
   * @param lastScoreEnd that window's end, or -1
   */
  public record Summary(
      DeviceSnapshot snapshot, double lastScore, double lastThreshold, long lastScoreEnd) {}

  private final ConcurrentHashMap<String, Summary> byDevice = new ConcurrentHashMap<>();

  /** Records a judged window of a device. */
  void scored(ScoredWindow w, DeviceDetector d, long lastFrameWall) {
    byDevice.put(
        w.deviceId(),
        new Summary(
            DeviceSnapshot.of(w.deviceId(), d, lastFrameWall),
            w.score(),
            w.threshold(),
            w.endTime()));
  }

  /** Records a device's state as loaded from the stores, keeping its last score if known. */
  void loaded(DeviceSnapshot snapshot) {
    byDevice.merge(
        snapshot.deviceId(),
        new Summary(snapshot, Double.NaN, Double.NaN, -1),
        (old, now) ->
            new Summary(now.snapshot(), old.lastScore(), old.lastThreshold(), old.lastScoreEnd()));
  }

  /** Updates a device's detection state (an episode closed as silent). */
  void updated(String deviceId, DeviceDetector d, long lastFrameWall) {
    DeviceSnapshot s = DeviceSnapshot.of(deviceId, d, lastFrameWall);
    byDevice.merge(
        deviceId,
        new Summary(s, Double.NaN, Double.NaN, -1),
        (old, now) -> new Summary(s, old.lastScore(), old.lastThreshold(), old.lastScoreEnd()));
  }

  /** Forgets devices (their task moved away, or they expired). */
  void removeAll(Collection<String> devices) {
    devices.forEach(byDevice::remove);
  }

  /**
   * Returns every device this instance holds.
   *
   * @return the summaries, in no order
   */
  public List<Summary> all() {
    return new ArrayList<>(byDevice.values());
  }

  /**
   * Returns one device, if this instance holds it.
   *
   * @param deviceId the device
   * @return its summary
   */
  public Optional<Summary> get(String deviceId) {
    return Optional.ofNullable(byDevice.get(deviceId));
  }
}
