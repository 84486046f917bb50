package io.vigil.core.engine;

import io.vigil.core.detect.Detection;

/** Where a scored window stood, as the dashboard and a backtest's {@code windows.csv} show it. */
public enum WindowPhase {
  /** Inside the warm-up: the score was learned from, nothing could exceed. */
  WARMING_UP,
  /** Below the threshold, outside any episode. */
  NORMAL,
  /** Above the threshold, outside any episode (not enough such windows to open one yet). */
  EXCEEDED,
  /** The window opened an episode or lies in an open one. */
  IN_EPISODE,
  /** The window did not end after the device's previous one and was ignored by the detector. */
  STALE;

  /**
   * Classifies a verdict.
   *
   * @param d the detector's verdict on the window
   * @param episodeOpen whether the device's episode is open after the window
   * @return the phase
   */
  public static WindowPhase of(Detection d, boolean episodeOpen) {
    if (d.phase() == Detection.Phase.STALE) {
      return STALE;
    }
    if (episodeOpen) {
      return IN_EPISODE;
    }
    if (d.phase() == Detection.Phase.WARMING_UP) {
      return WARMING_UP;
    }
    return d.exceeded() ? EXCEEDED : NORMAL;
  }
}
