package io.vigil.model.evaluate;

import io.vigil.core.window.GapFillPolicy;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.backtest.PolicyFactory;
import io.vigil.model.data.Series;
import java.util.List;

/**
 * One SKAB file with the model fitted on its first {@value SkabEvaluation#TRAIN_ROWS} rows, loaded
 * in ONNX Runtime: replayed under as many policies as a grid asks for. Owns the model's session.
 */
public final class SkabModel implements AutoCloseable {
  private final String name;
  private final Series series;
  private final OnnxModel model;
  private final double suggestedThreshold;
  private final int epochs;
  private final double trainingSeconds;
  private final GapFillPolicy gapFill;
  private final int detectorStart;

  SkabModel(
      String name,
      Series series,
      OnnxModel model,
      double suggestedThreshold,
      int epochs,
      double trainingSeconds,
      GapFillPolicy gapFill,
      int detectorStart) {
    this.name = name;
    this.series = series;
    this.model = model;
    this.suggestedThreshold = suggestedThreshold;
    this.epochs = epochs;
    this.trainingSeconds = trainingSeconds;
    this.gapFill = gapFill;
    this.detectorStart = detectorStart;
  }

  /** Returns the file's name relative to the data directory, e.g. {@code valve1/3.csv}. */
  public String name() {
    return name;
  }

  /**
   * Replays the file through the detection core from the first row the network was not fitted on
   * (see {@link SkabEvaluation}) and scores the rows after the first {@value
   * SkabEvaluation#TRAIN_ROWS} against their labels.
   *
   * @param policy the policy, made for this model
   * @param thresholdScale the factor applied to the model's suggested threshold before the policy
   *     is made (a grid's margin relative to the calibration's); 1 for the suggested threshold
   * @return the file's result
   */
  public FileResult replay(PolicyFactory policy, double thresholdScale) {
    int w = model.metadata().window();
    int s = model.metadata().stride();
    double threshold = suggestedThreshold * thresholdScale;
    ReplayResult replay =
        LabelledReplay.replay(
            series, model, policy.policy(threshold, w, s), gapFill, detectorStart);
    int train = SkabEvaluation.TRAIN_ROWS;
    boolean[] labels = new boolean[series.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = series.label(i);
    }
    PointMetrics metrics = PointMetrics.of(replay.flagged(), labels, train, series.rows());
    List<EpisodeDelay> delays =
        EpisodeDelay.of(
            LabelledEpisode.find(labels, train, series.rows()), series.times(), replay.alarmed());
    return new FileResult(
        name, series.rows() - train, metrics, delays, threshold, epochs, trainingSeconds);
  }

  /** Closes the model's session. */
  @Override
  public void close() {
    model.close();
  }
}
