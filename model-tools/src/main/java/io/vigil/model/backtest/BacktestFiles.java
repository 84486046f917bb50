package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.Detection;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.model.data.Series;
import io.vigil.schemas.CloseReason;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.mapping.AvroJson;
import io.vigil.schemas.mapping.OutputRecords;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a backtest produces as it comes: {@code windows.csv} (one row per judged window),
 * {@code events.jsonl} (every {@code AnomalyEvent} exactly as the stream would publish it, in
 * Avro's JSON encoding) and {@code dead-letters.csv} (every frame or window the stream would have
 * dead-lettered, with its reason). Keeps each device's window ends and scores so that {@link
 * #writeRows} can add the per-row file of a labelled run.
 */
public final class BacktestFiles implements Backtest.Observer, Closeable {
  /** The windows file's name. */
  public static final String WINDOWS = "windows.csv";

  /** The events file's name. */
  public static final String EVENTS = "events.jsonl";

  /** The dead letters file's name. */
  public static final String DEAD_LETTERS = "dead-letters.csv";

  /** The per-row file's name, written for labelled data. */
  public static final String ROWS = "rows.csv";

  private final Path dir;
  private final ModelRef model;
  private final BufferedWriter windows;
  private final BufferedWriter events;
  private final BufferedWriter deadLetters;
  private final Map<String, DeviceScores> scores = new HashMap<>();

  /** One device's window ends and scores, in window order. */
  private static final class DeviceScores {
    long[] ends = new long[1024];
    double[] values = new double[1024];
    int size;

    void add(long end, double score) {
      if (size == ends.length) {
        ends = Arrays.copyOf(ends, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      ends[size] = end;
      values[size] = score;
      size++;
    }
  }

  /**
   * Creates the files (the directory too), replacing earlier ones.
   *
   * @param dir the output directory
   * @param channels the model's features, for the windows file's per-channel columns
   * @param model the model the events name
   * @throws UncheckedIOException when a file cannot be created
   */
  public BacktestFiles(Path dir, List<String> channels, ModelRef model) {
    this.dir = dir;
    this.model = model;
    try {
      Files.createDirectories(dir);
      windows = Files.newBufferedWriter(dir.resolve(WINDOWS), StandardCharsets.UTF_8);
      events = Files.newBufferedWriter(dir.resolve(EVENTS), StandardCharsets.UTF_8);
      deadLetters = Files.newBufferedWriter(dir.resolve(DEAD_LETTERS), StandardCharsets.UTF_8);
      List<String> header =
          new ArrayList<>(
              List.of(
                  "device",
                  "window_start",
                  "window_end",
                  "score",
                  "threshold",
                  "phase",
                  "policy",
                  "event"));
      for (String channel : channels) {
        header.add("score_" + channel);
      }
      line(windows, header);
      line(deadLetters, List.of("device", "time", "reason", "message"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the backtest files in " + dir, e);
    }
  }

  @Override
  public void window(ScoredWindow w) {
    Detection d = w.detection();
    List<String> row = new ArrayList<>(8 + w.channelScores().length);
    row.add(w.deviceId());
    row.add(Instant.ofEpochMilli(w.startTime()).toString());
    row.add(Instant.ofEpochMilli(w.endTime()).toString());
    row.add(number(d.score()));
    row.add(number(d.threshold()));
    row.add(w.phase().name());
    row.add(d.policyId() + "@" + d.policyVersion());
    row.add(d.event().map(e -> e.kind().name()).orElse(""));
    for (float c : w.channelScores()) {
      row.add(number(c));
    }
    scores.computeIfAbsent(w.deviceId(), k -> new DeviceScores()).add(w.endTime(), d.score());
    try {
      line(windows, row);
      if (d.event().isPresent()) {
        EpisodeEvent e = d.event().get();
        CloseReason reason = e.kind() == EpisodeEventKind.CLOSE ? CloseReason.RECOVERED : null;
        events.write(
            AvroJson.encode(
                OutputRecords.event(
                    e, model, new PolicyRef(d.policyId(), d.policyVersion()), reason)));
        events.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }

  @Override
  public void deadLetter(String deviceId, long time, String reason, String message) {
    try {
      line(deadLetters, List.of(deviceId, Instant.ofEpochMilli(time).toString(), reason, message));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }

  /**
   * Writes {@code rows.csv}: per row of every labelled device, its time, device, label, whether it
   * lies in a reported episode, the score of the latest window ending at or before it, and whether
   * it belongs to the training part.
   *
   * @param device the device's rows
   * @param marks the rows' episode marks
   * @param trainRows how many leading rows trained the model (0 with a given model)
   * @param out the open rows file
   * @throws IOException when writing fails
   */
  public void writeRows(Series device, EpisodeRows marks, int trainRows, BufferedWriter out)
      throws IOException {
    DeviceScores s = scores.get(device.name());
    int w = 0;
    for (int i = 0; i < device.rows(); i++) {
      long t = device.time(i);
      while (s != null && w < s.size && s.ends[w] <= t) {
        w++;
      }
      String score = s != null && w > 0 ? number(s.values[w - 1]) : "";
      line(
          out,
          List.of(
              Instant.ofEpochMilli(t).toString(),
              device.name(),
              device.isLabelled() && device.label(i) ? "1" : "0",
              marks.flagged()[i] ? "1" : "0",
              score,
              i < trainRows ? "train" : "test"));
    }
  }

  /**
   * Opens {@code rows.csv} with its header.
   *
   * @return the writer, owned by the caller
   * @throws IOException when the file cannot be created
   */
  public BufferedWriter openRows() throws IOException {
    BufferedWriter out = Files.newBufferedWriter(dir.resolve(ROWS), StandardCharsets.UTF_8);
    line(out, List.of("time", "device", "label", "in_episode", "score", "part"));
    return out;
  }

  @Override
  public void close() {
    IOException failure = null;
    for (BufferedWriter w : List.of(windows, events, deadLetters)) {
      try {
        w.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot close the files in " + dir, failure);
    }
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.9g", v);
  }

  /** Writes one CSV line, quoting the fields that need it. */
  static void line(BufferedWriter out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String f = fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
        out.write('"');
        out.write(f.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(f);
      }
    }
    out.newLine();
  }
}
