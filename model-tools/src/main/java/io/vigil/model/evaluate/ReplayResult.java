package io.vigil.model.evaluate;

import io.vigil.core.engine.EngineCounts;
import io.vigil.model.backtest.Episode;
import java.util.List;

/**
 * What the detection engine made of one labelled series.
 *
 * @param flagged per row: inside a reported episode, from its start to its end (the point-wise
 *     prediction)
 * @param alarmed per row: inside a reported episode and at or after its alarm (what an operator
 *     knew at that row; used for detection delays)
 * @param episodes the reported episodes, in order
 * @param counts frames, windows scored and skipped, restarts, late and duplicate frames
 */
public record ReplayResult(
    boolean[] flagged, boolean[] alarmed, List<Episode> episodes, EngineCounts counts) {

  /** Copies the episode list. */
  public ReplayResult {
    episodes = List.copyOf(episodes);
  }
}
