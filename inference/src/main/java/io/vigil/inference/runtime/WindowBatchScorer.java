package io.vigil.inference.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.WindowScorer;
import io.vigil.inference.contract.ModelContract;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.scoring.ReconstructionError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores micro-batches of windows with one model: sends them to the model as one {@code [n, W, F]}
 * tensor and returns, per window, the score and channel scores (the model's outputs when it has
 * them, else computed from {@code reconstruction} with {@link ReconstructionError}) and, if asked,
 * the reconstruction and the latent code. Only the outputs needed are requested from ONNX Runtime,
 * so what is not asked for is neither copied out of native memory nor kept.
 *
 * <p>Input layout: windows are passed flat and row-major, {@code [n][W][F]} — window after window,
 * frame after frame, the F features of a frame adjacent, in {@code vigil.features} order. That is
 * the tensor's own memory layout, so the batch goes into the scorer's direct buffer with one bulk
 * copy and ONNX Runtime reads that buffer in place (a direct, native-order buffer is wrapped, not
 * copied). The buffer is allocated once, for {@link InferenceSettings#maxBatchSize()} windows; a
 * smaller batch uses its first {@code n*W*F} floats (the tensor covers the buffer's position to
 * limit, which are set per call).
 *
 * <p>Thread-safety: not thread-safe, because of the reused buffer — use one scorer per stream
 * thread. Scorers of one model share its session, which ONNX Runtime runs concurrently. A scorer
 * holds no native memory between calls (each call's tensors and results are closed before it
 * returns), so it needs no closing; it must not be used after its model is closed.
 */
public final class WindowBatchScorer implements WindowScorer {
  private final OnnxModel model;
  private final OrtSession session;
  private final String source;
  private final int window;
  private final int features;
  private final int maxBatch;
  private final float[] std;
  private final FloatBuffer input;
  private final int latentSize;

  /** The outputs to request, by {@link #index}(reconstruction, latent). */
  private final List<Set<String>> requests;

  WindowBatchScorer(OnnxModel model) {
    ModelMetadata metadata = model.metadata();
    this.model = model;
    this.session = model.session();
    this.source = model.source();
    this.window = metadata.window();
    this.features = metadata.featureCount();
    this.maxBatch = model.settings().maxBatchSize();
    this.std = metadata.scaler().stds();
    long floats = (long) maxBatch * window * features;
    if (floats * Float.BYTES > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          InferenceSettings.MAX_BATCH_SIZE_KEY
              + " = "
              + maxBatch
              + " is too large for windows of "
              + window
              + "x"
              + features
              + ": the input buffer would exceed 2 GiB");
    }
    this.input =
        ByteBuffer.allocateDirect((int) floats * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    this.latentSize = model.latentSize();
    this.requests =
        List.of(
            requestedOutputs(model, false, false),
            requestedOutputs(model, true, false),
            requestedOutputs(model, false, true),
            requestedOutputs(model, true, true));
  }

  private static int index(boolean reconstruction, boolean latent) {
    return (reconstruction ? 1 : 0) | (latent ? 2 : 0);
  }

  /**
   * Returns the outputs to ask for: the scores the model has, the reconstruction when the caller
   * wants it or the channel scores must be computed from it, and the latent code when the caller
   * wants it (and the model has one). Asking for fewer outputs spares copying them out of native
   * memory.
   */
  private static Set<String> requestedOutputs(
      OnnxModel model, boolean withReconstruction, boolean withLatent) {
    Set<String> outputs = new LinkedHashSet<>();
    if (withLatent && model.latentSize() > 0) {
      outputs.add(ModelContract.OUTPUT_LATENT);
    }
    if (withReconstruction || !model.hasChannelScoresOutput()) {
      outputs.add(ModelContract.OUTPUT_RECONSTRUCTION);
    }
    if (model.hasChannelScoresOutput()) {
      outputs.add(ModelContract.OUTPUT_CHANNEL_SCORES);
    }
    if (model.hasScoreOutput()) {
      outputs.add(ModelContract.OUTPUT_SCORE);
    }
    return Set.copyOf(outputs);
  }

  /** Returns L, the size of the model's latent code; 0 when it has none. */
  @Override
  public int latentSize() {
    return latentSize;
  }

  /** Returns the most windows one call may score. */
  @Override
  public int maxBatchSize() {
    return maxBatch;
  }

  /**
   * Scores {@code count} windows given flat and row-major.
   *
   * @param windows {@code [count][W][F]} raw values, flat; only the first {@code count*W*F} are
   *     read, so a caller may reuse a larger array
   * @param count n, in [1, {@link #maxBatchSize()}]
   * @param withReconstructions whether to return the reconstructions too
   * @return the scores of the {@code count} windows
   * @throws IllegalArgumentException if {@code count} or the array length is out of range
   * @throws io.vigil.inference.InferenceException if ONNX Runtime fails or an output has the wrong
   *     shape
   */
  public BatchScores score(float[] windows, int count, boolean withReconstructions) {
    return score(windows, count, withReconstructions, false);
  }

  /**
   * Scores {@code count} windows given flat and row-major, with the extra outputs asked for.
   *
   * @param windows {@code [count][W][F]} raw values, flat; only the first {@code count*W*F} are
   *     read
   * @param count n, in [1, {@link #maxBatchSize()}]
   * @param withReconstructions whether to return the reconstructions too
   * @param withLatent whether to return the latent codes too
   * @return the scores of the {@code count} windows
   * @throws IllegalArgumentException if {@code count} or the array length is out of range, or codes
   *     are asked of a model without a {@code latent} output
   * @throws io.vigil.inference.InferenceException if ONNX Runtime fails or an output has the wrong
   *     shape
   */
  public BatchScores score(
      float[] windows, int count, boolean withReconstructions, boolean withLatent) {
    if (withLatent && latentSize == 0) {
      throw new IllegalArgumentException(
          "model " + source + " has no '" + ModelContract.OUTPUT_LATENT + "' output");
    }
    int size = window * features;
    requireCount(count);
    if (windows.length < count * size) {
      throw new IllegalArgumentException(
          "windows has "
              + windows.length
              + " values, expected at least "
              + count
              + " windows of "
              + window
              + "x"
              + features
              + " = "
              + count * size);
    }
    input.clear();
    input.put(windows, 0, count * size);
    input.flip();
    return run(windows, count, withReconstructions, withLatent);
  }

  /**
   * Scores windows for the detection engine: {@link #score(float[], int, boolean)} without
   * reconstructions.
   */
  @Override
  public BatchScores scoreBatch(float[] windows, int count) {
    return score(windows, count, false, false);
  }

  /** Scores windows for the detection engine, with the reconstructions and codes it asks for. */
  @Override
  public BatchScores scoreBatch(float[] windows, int count, ExtraOutputs extras) {
    return score(windows, count, extras.reconstruction(), extras.latent());
  }

  /**
   * Scores windows given as {@code [n][W][F]} arrays; convenient, one extra pass over the data
   * compared with {@link #score(float[], int, boolean)}.
   *
   * @param windows n windows of W frames of F raw values
   * @param withReconstructions whether to return the reconstructions too
   * @return the scores of the n windows
   */
  public BatchScores score(float[][][] windows, boolean withReconstructions) {
    requireCount(windows.length);
    float[] flat = new float[windows.length * window * features];
    int offset = 0;
    for (int b = 0; b < windows.length; b++) {
      if (windows[b].length != window) {
        throw new IllegalArgumentException(
            "window " + b + " has " + windows[b].length + " frames, expected " + window);
      }
      for (int t = 0; t < window; t++) {
        if (windows[b][t].length != features) {
          throw new IllegalArgumentException(
              "window "
                  + b
                  + " frame "
                  + t
                  + " has "
                  + windows[b][t].length
                  + " values, expected "
                  + features);
        }
        System.arraycopy(windows[b][t], 0, flat, offset, features);
        offset += features;
      }
    }
    return score(flat, windows.length, withReconstructions);
  }

  private BatchScores run(
      float[] windows, int count, boolean withReconstructions, boolean withLatent) {
    model.ensureOpen();
    long[] shape = {count, window, features};
    Set<String> requested = requests.get(index(withReconstructions, withLatent));
    try (OnnxTensor tensor = OnnxTensor.createTensor(OrtRuntime.environment(), input, shape);
        OrtSession.Result result =
            session.run(Map.of(ModelContract.INPUT_WINDOW, tensor), requested)) {
      float[] reconstructions =
          requested.contains(ModelContract.OUTPUT_RECONSTRUCTION)
              ? read(result, ModelContract.OUTPUT_RECONSTRUCTION, shape)
              : null;
      float[] channelScores;
      if (requested.contains(ModelContract.OUTPUT_CHANNEL_SCORES)) {
        channelScores = read(result, ModelContract.OUTPUT_CHANNEL_SCORES, count, features);
      } else {
        channelScores = new float[count * features];
        ReconstructionError.channelScores(
            windows, reconstructions, count, window, std, channelScores);
      }
      float[] scores;
      if (requested.contains(ModelContract.OUTPUT_SCORE)) {
        scores = read(result, ModelContract.OUTPUT_SCORE, count);
      } else {
        scores = new float[count];
        ReconstructionError.scores(channelScores, count, features, scores);
      }
      float[] latent =
          withLatent ? read(result, ModelContract.OUTPUT_LATENT, count, latentSize) : null;
      return new BatchScores(
          count,
          window,
          features,
          scores,
          channelScores,
          withReconstructions ? reconstructions : null,
          latentSize,
          latent);
    } catch (OrtException e) {
      throw new ScoringFailure(
          source,
          "ONNX Runtime failed to score a batch of " + count + " windows: " + e.getMessage(),
          e);
    }
  }

  /** Reads a float output, checking the shape the contract promises for this batch. */
  private float[] read(OrtSession.Result result, String name, long... expected) {
    OnnxValue value =
        result
            .get(name)
            .orElseThrow(
                () -> new ScoringFailure(source, "output '" + name + "' is missing", null));
    if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
      throw new ScoringFailure(
          source,
          "output '" + name + "' is " + value.getInfo() + ", expected a float tensor",
          null);
    }
    long[] shape = tensor.getInfo().getShape();
    if (!Arrays.equals(shape, expected)) {
      throw new ScoringFailure(
          source,
          "output '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + " for a batch of "
              + expected[0]
              + " windows, expected "
              + Arrays.toString(expected),
          null);
    }
    // getFloatBuffer() copies the native output once into a heap buffer whose array is exactly
    // the tensor; that array is kept, not copied again.
    FloatBuffer buffer = tensor.getFloatBuffer();
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.array().length == buffer.limit()) {
      return buffer.array();
    }
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  private void requireCount(int count) {
    if (count < 1 || count > maxBatch) {
      throw new IllegalArgumentException(
          "batch of "
              + count
              + " windows, expected 1 to "
              + maxBatch
              + " ("
              + InferenceSettings.MAX_BATCH_SIZE_KEY
              + ")");
    }
  }
}
