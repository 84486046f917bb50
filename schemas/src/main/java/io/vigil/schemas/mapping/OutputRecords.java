package io.vigil.schemas.mapping;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.detect.Detection;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.scoring.ChannelShare;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ChannelContribution;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.Severity;
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
