package io.vigil.app.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.detect.RecentScores;
import io.vigil.app.detect.ScoringModel;
import io.vigil.app.topics.Topic;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.schemas.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * One scored window in detail: its frames read back from the frames topic, each channel's values
 * beside the model's reconstruction of them, and the channels' shares of the error. The window is
 * rebuilt from the last W distinct frame times up to its end (a later frame of the same time
 * replacing an earlier one's values, a missing value carrying the channel's last one, as the stream
 * does) and scored again by the same model.
 */
final class WindowDetail {
  private WindowDetail() {}

  static ObjectNode of(
      VigilConfig config,
      Topic<String, TelemetryFrame> frames,
      ScoringModel model,
      String deviceId,
      RecentScores.Stored stored) {
    List<String> features = model.featureList();
    int w = model.metadata().window();
    int f = features.size();
    List<RawFrames.Found> found = new ArrayList<>();
    RawFrames.find(
        config,
        frames,
        deviceId,
        Instant.ofEpochMilli(stored.startTime()),
        Instant.ofEpochMilli(stored.endTime()),
        found);
    TreeMap<Long, double[]> byTime = new TreeMap<>();
    for (RawFrames.Found x : found) {
      double[] row =
          byTime.computeIfAbsent(
              x.frame().getEventTime().toEpochMilli(),
              t -> {
                double[] empty = new double[f];
                Arrays.fill(empty, Double.NaN);
                return empty;
              });
      for (int k = 0; k < f; k++) {
        Double v = x.frame().getChannels().get(features.get(k));
        if (v != null) {
          row[k] = v;
        }
      }
    }
    if (byTime.size() < w) {
      throw new ApiException(
          409,
          "window "
              + Instant.ofEpochMilli(stored.startTime())
              + ".."
              + Instant.ofEpochMilli(stored.endTime())
              + " of device '"
              + deviceId
              + "': "
              + byTime.size()
              + " of its "
              + w
              + " frames are in "
              + frames.name()
              + " (deleted by retention, or gap-filled by the stream)");
    }
    List<Long> times = new ArrayList<>(byTime.keySet()).subList(byTime.size() - w, byTime.size());
    float[] values = new float[w * f];
    double[] last = new double[f];
    Arrays.fill(last, Double.NaN);
    for (int t = 0; t < w; t++) {
      double[] row = byTime.get(times.get(t));
      for (int k = 0; k < f; k++) {
        if (!Double.isNaN(row[k])) {
          last[k] = row[k];
        }
        if (Double.isNaN(last[k])) {
          throw new ApiException(
              409, "channel '" + features.get(k) + "' has no value at the window's start");
        }
        values[t * f + k] = (float) last[k];
      }
    }
    BatchScores scores = model.onnx().newScorer().score(values, 1, true);
    float[] reconstruction = scores.reconstruction(0);
    float[] channelScores = scores.channelScores(0);
    double total = 0;
    for (float c : channelScores) {
      total += c;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("deviceId", deviceId);
    out.put("windowStart", stored.startTime());
    out.put("windowEnd", stored.endTime());
    out.put("storedScore", stored.score());
    out.put("score", scores.score(0));
    out.put("threshold", stored.threshold());
    ArrayNode t = out.putArray("time");
    times.forEach(t::add);
    ArrayNode channels = out.putArray("channels");
    for (int k = 0; k < f; k++) {
      ObjectNode c = channels.addObject();
      c.put("channel", features.get(k));
      c.put("score", channelScores[k]);
      c.put("share", total > 0 ? channelScores[k] / total : 0);
      ArrayNode v = c.putArray("values");
      ArrayNode r = c.putArray("reconstruction");
      for (int i = 0; i < w; i++) {
        v.add(values[i * f + k]);
        r.add(reconstruction[i * f + k]);
      }
    }
    return out;
  }
}
