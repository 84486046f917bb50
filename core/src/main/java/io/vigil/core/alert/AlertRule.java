package io.vigil.core.alert;

import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.policy.Range;
import io.vigil.core.scoring.SeverityBands;

/**
 * When an anomaly episode opens, closes and reports progress, mirroring the policy schema's {@code
 * AlertRule}.
 *
 * <p>Validated on construction; a bad value throws an {@link
 * io.vigil.core.policy.InvalidPolicyException} naming the field ({@code alertRule.<name>}), the
 * value and the allowed range. The bounds keep a device's state small: at most {@value
 * #MAX_WINDOWS} windows of history and {@value #MAX_TOP_CHANNELS} reported channels.
 *
 * @param openWhenExceeded m: an episode opens when m of the last n windows exceed, in [1, n]
 * @param ofLastWindows n, in [1, {@value #MAX_WINDOWS}]
 * @param closeAfterNormal q: an open episode closes after q consecutive normal windows, in [1,
 *     {@value #MAX_CLOSE_AFTER}]
 * @param updateIntervalMillis at most one UPDATE per this much event time while open, >= 0 (0: an
 *     UPDATE for every window that neither opens nor closes)
 * @param severityBands ratios where MEDIUM, HIGH and CRITICAL begin
 * @param topChannels channels reported per event, in [0, {@value #MAX_TOP_CHANNELS}]
 */
public record AlertRule(
    int openWhenExceeded,
    int ofLastWindows,
    int closeAfterNormal,
    long updateIntervalMillis,
    SeverityBands severityBands,
    int topChannels) {

  /** Longest history of windows a rule may look at. */
  public static final int MAX_WINDOWS = 1000;

  /** Largest q accepted. */
  public static final int MAX_CLOSE_AFTER = 100_000;

  /** Most channels an event may list. */
  public static final int MAX_TOP_CHANNELS = 64;

  /**
   * Defaults: open on 3 of the last 5 windows, close after 5 normal windows, at most one UPDATE a
   * minute, bands 1.5 / 2 / 4, top 3 channels (the schema's default).
   */
  public static final AlertRule DEFAULT = new AlertRule(3, 5, 5, 60_000, SeverityBands.DEFAULT, 3);

  /** Validates every field. */
  public AlertRule {
    Range.integers(1, MAX_WINDOWS).check("alertRule.ofLastWindows", ofLastWindows);
    Range.integers(1, ofLastWindows).check("alertRule.openWhenExceeded", openWhenExceeded);
    Range.integers(1, MAX_CLOSE_AFTER).check("alertRule.closeAfterNormal", closeAfterNormal);
    if (updateIntervalMillis < 0) {
      throw new InvalidPolicyException(
          "alertRule.updateIntervalMillis", Long.toString(updateIntervalMillis), "[0, +inf)");
    }
    if (severityBands == null) {
      throw new InvalidPolicyException(
          SeverityBands.FIELD, "missing", "exactly 3 ascending ratios");
    }
    Range.integers(0, MAX_TOP_CHANNELS).check("alertRule.topChannels", topChannels);
  }
}
