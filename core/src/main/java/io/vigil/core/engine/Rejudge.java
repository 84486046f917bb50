package io.vigil.core.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.scoring.ChannelScores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges scores that were computed once under another policy: a backtest's grid, the dashboard's
 * preview of a policy change. Each device gets a detector of its own under the given policy, fed
 * the device's scores in window order, so the verdicts are those a run under this policy alone
 * would have given (detection depends on the scores only).
 */
public final class Rejudge {
  private final DetectionPolicy policy;
  private final Map<String, DeviceDetector> detectors = new HashMap<>();

  /**
   * Creates a judge with no history.
   *
   * @param policy the policy to judge under
   */
  public Rejudge(DetectionPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Returns the policy.
   *
   * @return the policy judged under
   */
  public DetectionPolicy policy() {
    return policy;
  }

  /**
   * Judges one window of a device, after the device's earlier windows.
   *
   * @param deviceId the device
   * @param startTime the window's first frame time
   * @param endTime its last frame time
   * @param channels the model's features
   * @param channelScores one score per feature
   * @param score the window's score, finite and >= 0
   * @return the window with this policy's verdict
   */
  public ScoredWindow judge(
      String deviceId,
      long startTime,
      long endTime,
      List<String> channels,
      float[] channelScores,
      double score) {
    double[] perChannel = new double[channelScores.length];
    for (int f = 0; f < perChannel.length; f++) {
      perChannel[f] = channelScores[f];
    }
    DeviceDetector detector =
        detectors.computeIfAbsent(deviceId, d -> new DeviceDetector(d, policy));
    Detection d = detector.onScore(endTime, score, ChannelScores.of(channels, perChannel));
    return new ScoredWindow(
        deviceId,
        startTime,
        endTime,
        channels,
        channelScores,
        d,
        WindowPhase.of(d, detector.isEpisodeOpen()),
        false);
  }

  /**
   * Judges a window judged before under another policy.
   *
   * @param w the window
   * @return the window with this policy's verdict
   */
  public ScoredWindow judge(ScoredWindow w) {
    return judge(
        w.deviceId(), w.startTime(), w.endTime(), w.channels(), w.channelScores(), w.score());
  }
}
