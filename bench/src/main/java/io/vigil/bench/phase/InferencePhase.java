package io.vigil.bench.phase;

import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.InferenceResult;
import io.vigil.bench.stats.Throughput;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.inference.runtime.WindowBatchScorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Phase (b): the inference bound. The model file the stream scores with, loaded with the stream's
 * settings (one intra-op thread, the given provider and maximum batch size), scores full batches of
 * real windows on one thread through Vigil's own {@link WindowBatchScorer}, without
 * reconstructions, as the detection stage calls it. Windows come from a pool cut from the fleet's
 * data and are taken in turn, so the scorer's buffer is filled with fresh values every call.
 *
 * <p>Frames per second are windows per second times S: at saturation the stream makes one window of
 * a device for every S of its frames, so this is the frame rate inference alone would allow.
 */
public final class InferencePhase {
  private InferencePhase() {}

  /**
   * What one batch size measured, and the provider it ran on.
   *
   * @param result the measurement
   * @param provider the provider in use
   */
  public record Measured(InferenceResult result, ExecutionProvider provider) {}

  /**
   * Measures one batch size.
   *
   * @param model the ONNX file
   * @param provider the requested provider
   * @param batch windows per call
   * @param pool windows to score, flat {@code [n][W][F]}, n >= 1
   * @param warmup time scored before measuring (JIT, ONNX Runtime's allocations)
   * @param measure time measured
   * @param progress where to show it
   * @return the result
   */
  public static Measured run(
      Path model,
      ExecutionProvider provider,
      int batch,
      float[] pool,
      Duration warmup,
      Duration measure,
      Progress progress) {
    try (OnnxModel onnx = OnnxModel.load(model, new InferenceSettings(provider, 1, batch))) {
      int window = onnx.metadata().window();
      int size = window * onnx.metadata().featureCount();
      int poolWindows = pool.length / size;
      if (poolWindows < 1) {
        throw new IllegalArgumentException(
            "the window pool holds " + pool.length + " values, less than one window of " + size);
      }
      // The batch's windows, refilled from the pool before every call.
      float[] input = new float[batch * size];
      WindowBatchScorer scorer = onnx.newScorer();
      int next = 0;
      long warmupEnd = System.nanoTime() + warmup.toNanos();
      while (System.nanoTime() < warmupEnd) {
        next = fill(input, pool, poolWindows, size, batch, next);
        scorer.score(input, batch, false);
      }
      progress.start("inference b=" + batch, 0, "windows");
      long windows = 0;
      long calls = 0;
      long start = System.nanoTime();
      long end = start + measure.toNanos();
      long now = start;
      double sink = 0;
      while (now < end) {
        next = fill(input, pool, poolWindows, size, batch, next);
        sink += scorer.score(input, batch, false).score(0);
        windows += batch;
        calls++;
        now = System.nanoTime();
        progress.update(windows);
      }
      if (Double.isNaN(sink)) {
        throw new IllegalStateException("model " + model + " scored NaN");
      }
      Throughput t = new Throughput(windows, now - start);
      int stride = onnx.metadata().stride();
      InferenceResult result =
          new InferenceResult(
              batch,
              windows,
              t.seconds(),
              t.perSecond(),
              t.perSecondTimes(stride),
              t.seconds() * 1000 / calls);
      progress.finish(
          String.format(
              Locale.ROOT,
              "%,.0f windows/s = %,.0f frames/s (S=%d), %.3f ms a batch, on %s",
              result.windowsPerSecond(),
              result.fps(),
              stride,
              result.meanBatchMillis(),
              onnx.provider().configName()));
      return new Measured(result, onnx.provider());
    }
  }

  private static int fill(
      float[] input, float[] pool, int poolWindows, int size, int batch, int next) {
    for (int b = 0; b < batch; b++) {
      System.arraycopy(pool, next * size, input, b * size, size);
      next = (next + 1) % poolWindows;
    }
    return next;
  }
}
