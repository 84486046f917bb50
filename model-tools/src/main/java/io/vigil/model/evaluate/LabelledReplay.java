package io.vigil.model.evaluate;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.backtest.Backtest;
import io.vigil.model.backtest.EpisodeRows;
import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import java.util.List;

/**
 * Replays one labelled series, from a given row, through the one detection engine ({@link
 * Backtest}): the model's W and S, the stream's default reorder grace, the given gap filling, the
 * given policy. The result marks, per row of the whole series, whether it lies inside a reported
 * episode.
 *
 * <p>Nothing here re-implements detection: the same classes decide in the stream.
 */
public final class LabelledReplay {
  private LabelledReplay() {}

  /**
   * Replays a series.
   *
   * @param series the rows, with at least the model's channels
   * @param model the loaded contract model
   * @param policy the threshold and alert rule
   * @param gapFill how missing values and irregular frame times are handled
   * @param fromRow the first row the detector sees (rows before it are neither scored nor flagged)
   * @return the flagged rows, the episodes and the engine's counts
   */
  public static ReplayResult replay(
      Series series, OnnxModel model, DetectionPolicy policy, GapFillPolicy gapFill, int fromRow) {
    ModelMetadata metadata = model.metadata();
    WindowSpec spec =
        new WindowSpec(
            metadata.features(),
            metadata.window(),
            metadata.stride(),
            DetectionDefaults.GRACE_MILLIS,
            gapFill);
    Backtest.Result result =
        Backtest.run(
            new Recording(series.name(), List.of(series.slice(fromRow, series.rows()))),
            spec,
            model.newScorer(),
            device -> policy,
            Backtest.Observer.NONE);
    EpisodeRows rows = EpisodeRows.of(series, result.episodes());
    return new ReplayResult(rows.flagged(), rows.alarmed(), result.episodes(), result.counts());
  }
}
