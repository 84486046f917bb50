package io.vigil.schemas.mapping;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.detect.Detection;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.scoring.ChannelShare;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ChannelContribution;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.DenoisedFrame;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.Severity;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the detection engine's results to the records Vigil publishes, so the stream, a backtest's
 * files and the dashboard carry exactly the same fields.
 */
public final class OutputRecords {
  private OutputRecords() {}

  /**
   * The {@code WindowScore} of a judged window; channel shares are the channel scores over their
   * sum.
   *
   * @param w the judged window
   * @param model the model that scored it
   * @return the record
   */
  public static WindowScore score(ScoredWindow w, ModelRef model) {
    Detection d = w.detection();
    List<String> features = w.channels();
    float[] channelScores = w.channelScores();
    double total = 0;
    for (float c : channelScores) {
      total += c;
    }
    List<ChannelContribution> channels = new ArrayList<>(features.size());
    for (int f = 0; f < features.size(); f++) {
      double share = total > 0 ? channelScores[f] / total : 0.0;
      channels.add(new ChannelContribution(features.get(f), (double) channelScores[f], share));
    }
    return WindowScore.newBuilder()
        .setDeviceId(w.deviceId())
        .setWindowStart(Instant.ofEpochMilli(w.startTime()))
        .setWindowEnd(Instant.ofEpochMilli(w.endTime()))
        .setScore(d.score())
        .setThreshold(d.threshold())
        .setExceeded(d.exceeded())
        .setChannelScores(channels)
        .setModel(model)
        .setPolicy(new PolicyRef(d.policyId(), d.policyVersion()))
        .build();
  }

  /**
   * The {@code DenoisedWindow} of a window judged with its reconstruction.
   *
   * @param w the judged window; its reconstruction and frame times must be present
   * @param model the model that reconstructed it
   * @return the record
   * @throws IllegalArgumentException if the window carries no reconstruction
   */
  public static DenoisedWindow denoised(ScoredWindow w, ModelRef model) {
    float[] values = w.reconstruction();
    long[] times = w.frameTimes();
    if (values == null || times == null) {
      throw new IllegalArgumentException(
          "window of device '" + w.deviceId() + "' was scored without its reconstruction");
    }
    int features = w.channels().size();
    List<DenoisedFrame> frames = new ArrayList<>(times.length);
    for (int t = 0; t < times.length; t++) {
      List<Float> row = new ArrayList<>(features);
      for (int f = 0; f < features; f++) {
        row.add(values[t * features + f]);
      }
      frames.add(new DenoisedFrame(Instant.ofEpochMilli(times[t]), row));
    }
    return DenoisedWindow.newBuilder()
        .setDeviceId(w.deviceId())
        .setWindowStart(Instant.ofEpochMilli(w.startTime()))
        .setWindowEnd(Instant.ofEpochMilli(w.endTime()))
        .setChannels(new ArrayList<>(w.channels()))
        .setFrames(frames)
        .setModel(model)
        .build();
  }

  /**
   * The {@code WindowEmbedding} of a window judged with its latent code.
   *
   * @param w the judged window; its latent code must be present
   * @param model the model that encoded it
   * @return the record
   * @throws IllegalArgumentException if the window carries no latent code
   */
  public static WindowEmbedding embedding(ScoredWindow w, ModelRef model) {
    float[] code = w.latent();
    if (code == null) {
      throw new IllegalArgumentException(
          "window of device '" + w.deviceId() + "' was scored without its latent code");
    }
    List<Float> values = new ArrayList<>(code.length);
    for (float v : code) {
      values.add(v);
    }
    return WindowEmbedding.newBuilder()
        .setDeviceId(w.deviceId())
        .setWindowStart(Instant.ofEpochMilli(w.startTime()))
        .setWindowEnd(Instant.ofEpochMilli(w.endTime()))
        .setCode(values)
        .setScore(w.score())
        .setModel(model)
        .build();
  }

  /**
   * The {@code AnomalyEvent} of an episode event.
   *
   * @param e the event
   * @param model the model whose scores raised it
   * @param policy the policy in force
   * @param closeReason on CLOSE, why the episode closed; null otherwise
   * @return the record
   */
  public static AnomalyEvent event(
      EpisodeEvent e, ModelRef model, PolicyRef policy, CloseReason closeReason) {
    List<ChannelContribution> top = new ArrayList<>(e.topChannels().size());
    for (ChannelShare s : e.topChannels()) {
      top.add(new ChannelContribution(s.channel(), s.score(), s.share()));
    }
    return AnomalyEvent.newBuilder()
        .setEpisodeId(e.episodeId())
        .setDeviceId(e.deviceId())
        .setKind(EpisodeEventKind.valueOf(e.kind().name()))
        .setStartTime(Instant.ofEpochMilli(e.startTime()))
        .setEndTime(e.endTime().isPresent() ? Instant.ofEpochMilli(e.endTime().getAsLong()) : null)
        .setEventTime(Instant.ofEpochMilli(e.eventTime()))
        .setPeakScore(e.peakScore())
        .setLatestScore(e.latestScore())
        .setThreshold(e.threshold())
        .setSeverity(Severity.valueOf(e.severity().name()))
        .setTopChannels(top)
        .setModel(model)
        .setPolicy(policy)
        .setCloseReason(closeReason)
        .build();
  }
}
