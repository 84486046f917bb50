package io.vigil.core.engine;

import io.vigil.core.detect.Detection;
import java.util.List;

/**
 * One window scored and judged: what the stream publishes as a {@code WindowScore}, what a backtest
 * writes to {@code windows.csv}, what the dashboard charts.
 *
 * @param deviceId the device
 * @param startTime event time of the window's first frame
 * @param endTime event time of its last frame
 * @param channels the model's features, in order
 * @param channelScores one score per feature (the engine's array; not copied, do not change it)
 * @param detection the detector's verdict: score, threshold, exceedance, policy and event
 * @param phase where the window stood
 * @param policyChanged whether the policy in force changed just before this window
 * @param frameTimes the event times of the window's W frames, oldest first; null unless the
 *     reconstruction was asked for (it is what the reconstruction's rows are times of)
 * @param reconstruction the model's reconstruction of the window, {@code W*F} values row-major in
 *     raw units (the denoised window); null unless the engine was asked for it
 * @param latent the window's latent code, L values; null unless the engine was asked for it
 */
public record ScoredWindow(
    String deviceId,
    long startTime,
    long endTime,
    List<String> channels,
    float[] channelScores,
    Detection detection,
    WindowPhase phase,
    boolean policyChanged,
    long[] frameTimes,
    float[] reconstruction,
    float[] latent) {

  /** A window judged without extra outputs. */
  public ScoredWindow(
      String deviceId,
      long startTime,
      long endTime,
      List<String> channels,
      float[] channelScores,
      Detection detection,
      WindowPhase phase,
      boolean policyChanged) {
    this(
        deviceId,
        startTime,
        endTime,
        channels,
        channelScores,
        detection,
        phase,
        policyChanged,
        null,
        null,
        null);
  }

  /**
   * Returns the window's score.
   *
   * @return the score
   */
  public double score() {
    return detection.score();
  }

  /**
   * Returns the threshold the window was held against.
   *
   * @return the threshold
   */
  public double threshold() {
    return detection.threshold();
  }
}
