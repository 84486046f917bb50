package io.vigil.model.evaluate;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.window.AssemblyEvent;
import io.vigil.core.window.Frame;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.Window;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.inference.runtime.WindowBatchScorer;
import io.vigil.model.data.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays one series through the stream's detection path, offline: each row becomes a core {@link
 * Frame}, a {@link WindowAssembler} (the model's W and S, no reorder grace, the given gap filling)
 * cuts windows, the ONNX model scores them in micro-batches, and a {@link DeviceDetector} with the
 * given policy turns scores into episodes. The result marks, per row, whether it lies inside a
 * reported episode.
 *
 * <p>Nothing here re-implements detection: the same classes decide in the stream.
 */
public final class LabelledReplay {
  private LabelledReplay() {}

  /**
   * Replays a series.
   *
   * @param series the rows, channels in the model's feature order
   * @param model the loaded contract model
   * @param policy the threshold and alert rule
   * @param gapFill how missing values and irregular frame times are handled
   * @return the flagged rows and the episodes
   */
  public static ReplayResult replay(
      Series series, OnnxModel model, DetectionPolicy policy, GapFillPolicy gapFill) {
    ModelMetadata metadata = model.metadata();
    Series rows = series.select(metadata.features());
    WindowAssembler assembler =
        new WindowAssembler(
            new WindowSpec(metadata.features(), metadata.window(), metadata.stride(), 0, gapFill));
    List<Window> windows = new ArrayList<>();
    int skipped = 0;
    int f = rows.channelCount();
    for (int i = 0; i < rows.rows(); i++) {
      double[] values = new double[f];
      for (int k = 0; k < f; k++) {
        values[k] = rows.value(i, k);
      }
      skipped +=
          collect(assembler, assembler.offer(Frame.of(rows.time(i), values)).events(), windows);
    }
    skipped += collect(assembler, assembler.flush(), windows);

    List<ReportedEpisode> episodes = detect(series.name(), windows, model, policy);
    boolean[] flagged = new boolean[rows.rows()];
    boolean[] alarmed = new boolean[rows.rows()];
    for (ReportedEpisode episode : episodes) {
      for (int i = 0; i < rows.rows(); i++) {
        long t = rows.time(i);
        if (t >= episode.startTime() && t <= episode.endTime()) {
          flagged[i] = true;
          alarmed[i] |= t >= episode.alarmTime();
        }
      }
    }
    return new ReplayResult(flagged, alarmed, episodes, windows.size(), skipped);
  }

  private static int collect(
      WindowAssembler assembler, List<AssemblyEvent> events, List<Window> windows) {
    int skipped = 0;
    for (AssemblyEvent event : events) {
      if (event instanceof AssemblyEvent.WindowReady ready) {
        windows.add(assembler.window(ready.window()));
        assembler.acknowledge(ready.window());
      } else if (event instanceof AssemblyEvent.WindowSkipped) {
        skipped++;
      }
    }
    return skipped;
  }

  /** Scores the windows in micro-batches, then shows them to the detector in time order. */
  private static List<ReportedEpisode> detect(
      String device, List<Window> windows, OnnxModel model, DetectionPolicy policy) {
    WindowBatchScorer scorer = model.newScorer();
    List<String> channels = model.metadata().features();
    int size = model.metadata().window() * channels.size();
    DeviceDetector detector = new DeviceDetector(device, policy);
    List<ReportedEpisode> episodes = new ArrayList<>();
    long start = 0;
    long alarm = 0;
    long lastExceeded = 0;
    for (int from = 0; from < windows.size(); from += scorer.maxBatchSize()) {
      int n = Math.min(scorer.maxBatchSize(), windows.size() - from);
      float[] batch = new float[n * size];
      for (int b = 0; b < n; b++) {
        float[][] values = windows.get(from + b).toArray();
        for (int t = 0; t < values.length; t++) {
          System.arraycopy(values[t], 0, batch, b * size + t * channels.size(), channels.size());
        }
      }
      BatchScores scores = scorer.score(batch, n, false);
      for (int b = 0; b < n; b++) {
        Window window = windows.get(from + b);
        float[] channelScores = scores.channelScores(b);
        double[] perChannel = new double[channelScores.length];
        for (int k = 0; k < perChannel.length; k++) {
          perChannel[k] = channelScores[k];
        }
        Detection detection =
            detector.onScore(
                window.endTime(), scores.score(b), ChannelScores.of(channels, perChannel));
        if (detection.event().isPresent()) {
          EpisodeEvent event = detection.event().get();
          if (event.kind() == EpisodeEventKind.OPEN) {
            start = event.startTime();
            alarm = event.eventTime();
          } else if (event.kind() == EpisodeEventKind.CLOSE) {
            episodes.add(new ReportedEpisode(start, event.endTime().orElseThrow(), alarm));
          }
        }
        if (detection.exceeded() && detector.isEpisodeOpen()) {
          lastExceeded = window.endTime();
        }
      }
    }
    if (detector.isEpisodeOpen()) {
      episodes.add(new ReportedEpisode(start, lastExceeded, alarm));
    }
    return episodes;
  }
}
