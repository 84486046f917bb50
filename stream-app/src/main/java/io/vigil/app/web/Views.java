package io.vigil.app.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.app.detect.RecentScores;
import io.vigil.core.engine.PolicyPreview;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ChannelContribution;
import java.util.List;

/** The API's JSON shapes. */
final class Views {
  private Views() {}

  static ObjectNode device(DashboardQueries.DeviceRow r, RecentScores.Stored last) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("deviceId", r.deviceId());
    n.put("status", r.status());
    n.put("threshold", r.snapshot().threshold());
    n.put("policy", r.snapshot().policyId() + "@" + r.snapshot().policyVersion());
    n.put("scoresSinceReset", r.snapshot().scores());
    n.put(
        "lastFrameWall",
        r.snapshot().lastFrameWallMillis() < 0 ? null : r.snapshot().lastFrameWallMillis());
    n.put("alerts24h", r.alerts24h());
    if (r.openEpisode() != null) {
      n.set("openEpisode", event(r.openEpisode()));
      n.put("severity", r.openEpisode().getSeverity().name());
    } else {
      n.putNull("openEpisode");
      n.putNull("severity");
    }
    if (last != null) {
      n.put("lastScore", last.score());
      n.put("lastThreshold", last.threshold());
      n.put("lastWindowEnd", last.endTime());
    } else if (r.summary() != null && r.summary().lastScoreEnd() >= 0) {
      n.put("lastScore", r.summary().lastScore());
      n.put("lastThreshold", r.summary().lastThreshold());
      n.put("lastWindowEnd", r.summary().lastScoreEnd());
    }
    return n;
  }

  static ObjectNode event(AnomalyEvent e) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("episodeId", e.getEpisodeId());
    n.put("deviceId", e.getDeviceId());
    n.put("kind", e.getKind().name());
    n.put("startTime", e.getStartTime().toEpochMilli());
    n.put("endTime", e.getEndTime() == null ? null : e.getEndTime().toEpochMilli());
    n.put("eventTime", e.getEventTime().toEpochMilli());
    n.put("peakScore", e.getPeakScore());
    n.put("latestScore", e.getLatestScore());
    n.put("threshold", e.getThreshold());
    n.put("severity", e.getSeverity().name());
    ArrayNode top = n.putArray("topChannels");
    for (ChannelContribution c : e.getTopChannels()) {
      top.addObject()
          .put("channel", c.getChannel())
          .put("score", c.getScore())
          .put("share", c.getShare());
    }
    n.put("model", e.getModel().getId() + "@" + e.getModel().getVersion());
    n.put("policy", e.getPolicy().getId() + "@" + e.getPolicy().getVersion());
    n.put("closeReason", e.getCloseReason() == null ? null : e.getCloseReason().name());
    return n;
  }

  static ObjectNode score(RecentScores.Stored s, List<String> channels) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("windowStart", s.startTime());
    n.put("windowEnd", s.endTime());
    n.put("score", s.score());
    n.put("threshold", s.threshold());
    n.put("phase", s.phase().name());
    n.put("policy", s.policyId() + "@" + s.policyVersion());
    ObjectNode c = n.putObject("channelScores");
    float[] values = s.channelScores();
    for (int f = 0; f < values.length && f < channels.size(); f++) {
      c.put(channels.get(f), values[f]);
    }
    return n;
  }

  static ObjectNode preview(PolicyPreview.DeviceResult r, boolean withPoints) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("deviceId", r.deviceId());
    n.put("episodes", r.episodes().size());
    n.put("events", r.events());
    ArrayNode spans = n.putArray("spans");
    for (PolicyPreview.Span s : r.episodes()) {
      spans
          .addObject()
          .put("start", s.startTime())
          .put("alarm", s.alarmTime())
          .put("end", s.endTime().isPresent() ? s.endTime().getAsLong() : null)
          .put("peakScore", s.peakScore());
    }
    if (withPoints) {
      ArrayNode t = n.putArray("time");
      ArrayNode score = n.putArray("score");
      ArrayNode threshold = n.putArray("threshold");
      for (PolicyPreview.Point p : r.points()) {
        t.add(p.endTime());
        score.add(p.score());
        threshold.add(p.threshold());
      }
    }
    return n;
  }
}
