package io.vigil.model.data;

import io.vigil.schemas.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A recording as the telemetry frames a live fleet would have sent: every row of every device, in
 * event-time order across devices (rows of equal time in device order, a device's own rows in file
 * order), a missing value left out of the frame's channels as a gateway would.
 */
public final class RecordingFrames {
  private RecordingFrames() {}

  /**
   * Returns the frames of a recording.
   *
   * @param recording the rows
   * @return the frames in replay order
   */
  public static List<TelemetryFrame> ordered(Recording recording) {
    List<Series> series = recording.series();
    // (next row's time, series index) of every series with rows left.
    PriorityQueue<long[]> next =
        new PriorityQueue<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int[] position = new int[series.size()];
    long total = 0;
    for (int s = 0; s < series.size(); s++) {
      total += series.get(s).rows();
      if (series.get(s).rows() > 0) {
        next.add(new long[] {series.get(s).time(0), s});
      }
    }
    List<TelemetryFrame> frames = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE));
    String source = recording.source();
    while (!next.isEmpty()) {
      long[] head = next.poll();
      int s = (int) head[1];
      Series rows = series.get(s);
      int i = position[s]++;
      Map<String, Double> channels = new HashMap<>();
      for (int k = 0; k < rows.channelCount(); k++) {
        float v = rows.value(i, k);
        if (!Float.isNaN(v)) {
          channels.put(rows.channels().get(k), (double) v);
        }
      }
      frames.add(
          TelemetryFrame.newBuilder()
              .setDeviceId(rows.name())
              .setEventTime(Instant.ofEpochMilli(rows.time(i)))
              .setChannels(channels)
              .setSource(source.length() <= 256 ? source : source.substring(0, 256))
              .build());
      if (position[s] < rows.rows()) {
        next.add(new long[] {rows.time(position[s]), s});
      }
    }
    return frames;
  }
}
