package io.vigil.core.detect;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.GapFillPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * The one set of detection defaults: the built-in policy and the windowing basics that the stream,
 * the backtest, the evaluation and the dashboard's preview all start from. Defined here once; the
 * stream's configuration defaults and the tools' option defaults read these constants.
 */
public final class DetectionDefaults {
  /** The id of the built-in policy; its version is 0, so any published policy is newer. */
  public static final String POLICY_ID = "built-in-default";

  /** The sampling step assumed when none is configured or inferred: one second. */
  public static final long STEP_MILLIS = 1000;

  /** How far behind a device's newest frame a frame may arrive and still be placed: 5 s. */
  public static final long GRACE_MILLIS = Duration.ofSeconds(5).toMillis();

  /**
   * A missing channel takes its last value for at most this many steps; a longer pause restarts the
   * device's window sequence.
   */
  public static final int MAX_CARRY_STEPS = 3;

  /** EWMA smoothing of the built-in threshold. */
  public static final double EWMA_ALPHA = 0.02;

  /** Standard deviations above the EWMA mean at which the built-in threshold stands. */
  public static final double EWMA_K = 4.0;

  private DetectionDefaults() {}

  /**
   * The policy in force when none is published. Threshold: EWMA of the scores with alpha 0.02, 4
   * standard deviations above the mean, after the default warm-up. Alert rule: 3 of the last 5
   * windows open an episode; it closes after two windows' worth of normal windows ({@code 2 *
   * ceil(W / S)}), so that an anomaly whose middle looks normal to the model (a plateau within the
   * fleet's normal range, seen only at its two edges) stays one episode. Chosen on the simulator:
   * over 150 s of the demo fleet (seed 11), with the demo's first linear model, it detected 28 of
   * 33 injected anomalies with 1 false episode, where a 0.995 quantile of the scores detected 23
   * with 25 false episodes (with the current demo model, 31 and 1 against 26 and 24: README,
   * Detection figures).
   *
   * @param suggestedThreshold the model's {@code vigil.suggested_threshold}, used during warm-up
   * @param window the model's W
   * @param stride the model's S
   * @return the validated policy
   */
  public static DetectionPolicy policy(double suggestedThreshold, int window, int stride) {
    int windowsPerWindow = (window + stride - 1) / stride;
    AlertRule d = AlertRule.DEFAULT;
    return new DetectionPolicy(
        POLICY_ID,
        0,
        new ThresholdSpec(
            ThresholdMethod.EWMA,
            Map.of("alpha", EWMA_ALPHA, "k", EWMA_K),
            ThresholdSpec.DEFAULT_WARMUP_WINDOWS,
            suggestedThreshold),
        new AlertRule(
            d.openWhenExceeded(),
            d.ofLastWindows(),
            Math.max(d.closeAfterNormal(), 2 * windowsPerWindow),
            d.updateIntervalMillis(),
            d.severityBands(),
            d.topChannels()));
  }

  /**
   * The default gap filling for a sampling step.
   *
   * @param stepMillis the devices' sampling step
   * @return carry for at most {@link #MAX_CARRY_STEPS} steps
   */
  public static GapFillPolicy gapFill(long stepMillis) {
    return new GapFillPolicy(MAX_CARRY_STEPS, stepMillis);
  }
}
