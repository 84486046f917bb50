package io.vigil.model.evaluate;

import java.util.List;

/**
 * What the detection core made of one labelled series.
 *
 * @param flagged per row: inside a reported episode, from its start to its end (the point-wise
 *     prediction)
 * @param alarmed per row: inside a reported episode and at or after its alarm (what an operator
 *     knew at that row; used for detection delays)
 * @param episodes the reported episodes, in order
 * @param windowsScored windows the model scored
 * @param windowsSkipped windows the assembler could not fill and skipped
 */
public record ReplayResult(
    boolean[] flagged,
    boolean[] alarmed,
    List<ReportedEpisode> episodes,
    int windowsScored,
    int windowsSkipped) {

  /** Copies the episode list. */
  public ReplayResult {
    episodes = List.copyOf(episodes);
  }
}
