package io.vigil.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.scoring.SeverityBands;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.backtest.Episode;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A labelled series with one obvious anomaly goes through the core's assembler, the exported model
 * and the core's detector, from a given row on; the flagged rows are those of the anomaly.
 */
class LabelledReplayTest {
  private static final int ROWS = 700;
  private static final int ANOMALY_START = 500;
  private static final int ANOMALY_END = 560;
  private static final int FROM_ROW = 320;

  /** Two correlated noisy sines; channel 0 jumps by 8 units during the anomaly. */
  private static Series series() {
    Random random = new Random(3);
    long[] times = new long[ROWS];
    float[] values = new float[ROWS * 2];
    boolean[] labels = new boolean[ROWS];
    for (int i = 0; i < ROWS; i++) {
      times[i] = 1_000_000L + 1000L * i;
      double wave = Math.sin(i / 10.0);
      labels[i] = i >= ANOMALY_START && i < ANOMALY_END;
      values[2 * i] = (float) (wave + 0.1 * random.nextGaussian() + (labels[i] ? 8 : 0));
      values[2 * i + 1] = (float) (2 * wave + 0.1 * random.nextGaussian());
    }
    return new Series("synthetic", List.of("a", "b"), times, values, labels);
  }

  @Test
  void flagsTheAnomalousRowsThroughTheDetectionCore() {
    Series series = series();
    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
            .window(8)
            .stride(1)
            .hidden(List.of(16))
            .latent(4)
            .epochs(15)
            .batchSize(32)
            .build();
    try (TrainedModel trained =
            new TrainingPipeline(
                    options,
                    ThresholdCalibration.DEFAULT,
                    new ModelIdentity("replay", "1"),
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .run(
                    new Recording("synthetic", List.of(series.slice(0, 400))),
                    TrainingListener.NONE);
        OnnxModel model =
            OnnxModel.load(
                trained.bytes(), "replay", new InferenceSettings(ExecutionProvider.CPU, 1, 64))) {
      ReplayResult result =
          LabelledReplay.replay(
              series,
              model,
              new DetectionPolicy(
                  "static",
                  1,
                  new ThresholdSpec(
                      ThresholdMethod.STATIC,
                      Map.of("value", trained.metadata().suggestedThreshold()),
                      0,
                      trained.metadata().suggestedThreshold()),
                  new AlertRule(4, 4, 1, 0, SeverityBands.DEFAULT, 2)),
              new GapFillPolicy(1, 1000),
              FROM_ROW);

      // The detector starts at FROM_ROW: its first window ends W-1 rows later.
      assertThat(result.counts().windowsScored()).isEqualTo(ROWS - FROM_ROW - 8 + 1);
      for (int i = 0; i < FROM_ROW; i++) {
        assertThat(result.flagged()[i]).as("row %d, before the detector's start", i).isFalse();
      }
      assertThat(result.episodes()).hasSize(1);
      Episode episode = result.episodes().get(0);
      assertThat(episode.startTime()).isEqualTo(series.time(ANOMALY_START));
      assertThat(episode.alarmTime()).isEqualTo(series.time(ANOMALY_START + 3));
      boolean[] labels = new boolean[ROWS];
      for (int i = 0; i < ROWS; i++) {
        labels[i] = series.label(i);
      }
      PointMetrics metrics = PointMetrics.of(result.flagged(), labels, 400, ROWS);
      assertThat(metrics.missedAlarmRate()).isZero();
      // The windows still holding anomalous rows end up to W-1 rows after the anomaly.
      assertThat(metrics.falsePositives()).isLessThanOrEqualTo(7);
    }
  }
}
