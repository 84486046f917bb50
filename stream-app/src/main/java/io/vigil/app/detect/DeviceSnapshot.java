package io.vigil.app.detect;

import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.detect.DeviceDetector;

/**
 * What the dashboard shows of a device's detection state, read from the detection stage's stores
 * (the detector record and the head record) without touching them.
 *
 * @param deviceId the device
 * @param warmingUp fewer scores than the policy's warm-up since the threshold started
 * @param episodeOpen an episode is open
 * @param threshold the threshold the next window is held against
 * @param policyId the policy in force for it
 * @param policyVersion that policy's version
 * @param scores scores seen since the threshold started
 * @param lastFrameWallMillis wall-clock time of the device's last frame; -1 when unknown
 * @param lastWindowEnd event time of the device's last judged window
 */
public record DeviceSnapshot(
    String deviceId,
    boolean warmingUp,
    boolean episodeOpen,
    double threshold,
    String policyId,
    long policyVersion,
    long scores,
    long lastFrameWallMillis,
    long lastWindowEnd) {

  /**
   * Reads a device's snapshot.
   *
   * @param deviceId the device
   * @param detectorRecord its record in {@link DetectProcessor#DETECTORS}
   * @param headRecord its record in {@link DetectProcessor#HEADS}, or null
   * @return the snapshot
   * @throws CorruptStateException when a record cannot be decoded
   */
  public static DeviceSnapshot of(String deviceId, byte[] detectorRecord, byte[] headRecord) {
    DeviceDetector d = DeviceDetector.fromBytes(DeviceRecords.detector(detectorRecord).state());
    long lastFrame = headRecord == null ? -1 : DeviceRecords.lastFrameWall(headRecord);
    return of(deviceId, d, lastFrame);
  }

  /**
   * Reads a device's snapshot from its working detector.
   *
   * @param deviceId the device
   * @param d its detector
   * @param lastFrame wall-clock time of its last frame, or -1
   * @return the snapshot
   */
  static DeviceSnapshot of(String deviceId, DeviceDetector d, long lastFrame) {
    return new DeviceSnapshot(
        deviceId,
        d.scoresSinceReset() < d.policy().threshold().warmupWindows(),
        d.isEpisodeOpen(),
        d.thresholdInForce(),
        d.policy().policyId(),
        d.policy().version(),
        d.scoresSinceReset(),
        lastFrame,
        d.lastWindowEnd());
  }
}
