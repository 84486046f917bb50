package io.vigil.model.backtest;

import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.ScoredWindow;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a backtest's optional outputs, each only when asked for: {@code denoised.csv}, the model's
 * reconstruction as a signal (one row per frame that a scored window held), and {@code
 * embeddings.csv}, the latent code of every scored window.
 *
 * <p>Windows overlap (W frames, one every S), so most frames are reconstructed W/S times. A frame's
 * denoised value is the <em>mean</em> of its reconstructions over every scored window that holds
 * it: all of them are the model's view of the frame, none is privileged by the frame's place in its
 * window, and the result does not depend on the order windows were scored in. The {@code windows}
 * column says how many were averaged. A device's windows come in order, so a frame is written as
 * soon as a window starts after it; at most W frames per device wait.
 */
public final class OutputFiles implements Backtest.Observer, Closeable {
  /** The denoised signal's file name. */
  public static final String DENOISED = "denoised.csv";

  /** The embeddings' file name. */
  public static final String EMBEDDINGS = "embeddings.csv";

  private final Path dir;
  private final int features;
  private final BufferedWriter denoised;
  private final BufferedWriter embeddings;

  /** Per device, the frames of windows seen whose later windows may still hold them. */
  private final Map<String, TreeMap<Long, Sum>> open = new HashMap<>();

  /** The running sum of one frame's reconstructions. */
  private static final class Sum {
    final double[] values;
    int windows;

    Sum(int features) {
      values = new double[features];
    }
  }

  /**
   * Creates the files that {@code extras} asks for (and the directory), replacing earlier ones.
   *
   * @param dir the output directory
   * @param channels the model's features, the denoised file's value columns
   * @param latentSize L, the embeddings file's code columns
   * @param extras which files to write
   * @throws UncheckedIOException when a file cannot be created
   */
  public OutputFiles(Path dir, List<String> channels, int latentSize, ExtraOutputs extras) {
    this.dir = dir;
    this.features = channels.size();
    try {
      Files.createDirectories(dir);
      denoised = extras.reconstruction() ? open(DENOISED) : null;
      embeddings = extras.latent() ? open(EMBEDDINGS) : null;
      if (denoised != null) {
        List<String> header = new ArrayList<>(List.of("device", "time"));
        header.addAll(channels);
        header.add("windows");
        BacktestFiles.line(denoised, header);
      }
      if (embeddings != null) {
        List<String> header = new ArrayList<>(List.of("device", "window_start", "window_end"));
        for (int l = 0; l < latentSize; l++) {
          header.add("z" + l);
        }
        BacktestFiles.line(embeddings, header);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output files in " + dir, e);
    }
  }

  private BufferedWriter open(String name) throws IOException {
    return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Override
  public void window(ScoredWindow w) {
    try {
      if (embeddings != null) {
        float[] code = w.latent();
        List<String> row = new ArrayList<>(3 + code.length);
        row.add(w.deviceId());
        row.add(Instant.ofEpochMilli(w.startTime()).toString());
        row.add(Instant.ofEpochMilli(w.endTime()).toString());
        for (float z : code) {
          row.add(BacktestFiles.number(z));
        }
        BacktestFiles.line(embeddings, row);
      }
      if (denoised != null) {
        TreeMap<Long, Sum> frames = open.computeIfAbsent(w.deviceId(), k -> new TreeMap<>());
        // No later window of this device starts before this one: earlier frames are complete.
        writeBefore(w.deviceId(), frames, w.startTime());
        long[] times = w.frameTimes();
        float[] values = w.reconstruction();
        for (int t = 0; t < times.length; t++) {
          Sum sum = frames.computeIfAbsent(times[t], k -> new Sum(features));
          for (int f = 0; f < features; f++) {
            sum.values[f] += values[t * features + f];
          }
          sum.windows++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }

  private void writeBefore(String device, TreeMap<Long, Sum> frames, long time) throws IOException {
    while (!frames.isEmpty() && frames.firstKey() < time) {
      Map.Entry<Long, Sum> e = frames.pollFirstEntry();
      List<String> row = new ArrayList<>(3 + features);
      row.add(device);
      row.add(Instant.ofEpochMilli(e.getKey()).toString());
      Sum sum = e.getValue();
      for (int f = 0; f < features; f++) {
        row.add(BacktestFiles.number(sum.values[f] / sum.windows));
      }
      row.add(Integer.toString(sum.windows));
      BacktestFiles.line(denoised, row);
    }
  }

  /** Writes the frames still waiting, then closes the files. */
  @Override
  public void close() {
    IOException failure = null;
    try {
      if (denoised != null) {
        for (Map.Entry<String, TreeMap<Long, Sum>> e : open.entrySet()) {
          writeBefore(e.getKey(), e.getValue(), Long.MAX_VALUE);
        }
      }
    } catch (IOException e) {
      failure = e;
    }
    for (BufferedWriter w : new BufferedWriter[] {denoised, embeddings}) {
      try {
        if (w != null) {
          w.close();
        }
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot write the output files in " + dir, failure);
    }
  }
}
