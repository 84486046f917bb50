package io.vigil.model.export;

import io.vigil.inference.contract.Scaler;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.inference.runtime.WindowBatchScorer;
import io.vigil.model.train.TrainedNetwork;

/**
 * Runs the same raw windows through the trained DJL network and through the exported model in ONNX
 * Runtime, and reports how far apart they are: reconstructions, scores and, when the export has a
 * {@code latent} output, the codes. A wrong weight layout (a missed transpose, a wrong LSTM gate
 * order) loads and runs without error; only this comparison sees it.
 */
public final class ParityCheck {
  private static final int BATCH = 64;

  private ParityCheck() {}

  /**
   * Compares the two on up to {@code count} windows.
   *
   * @param network the trained network (standardised in, standardised out)
   * @param model the exported model's bytes (raw units in)
   * @param rawWindows {@code [n][W][F]} flat, raw units
   * @param count n, at least 1
   * @return the largest differences
   */
  public static ParityReport compare(
      TrainedNetwork network, byte[] model, float[] rawWindows, int count) {
    InferenceSettings settings = new InferenceSettings(ExecutionProvider.CPU, 1, BATCH);
    Scaler scaler = network.scaler();
    int features = scaler.featureCount();
    int size = network.options().window() * features;
    double maxReconstruction = 0;
    double maxScore = 0;
    double maxLatent = 0;
    try (OnnxModel onnx = OnnxModel.load(model, "parity check", settings)) {
      WindowBatchScorer scorer = onnx.newScorer();
      boolean latent = onnx.latentSize() > 0;
      for (int start = 0; start < count; start += BATCH) {
        int n = Math.min(BATCH, count - start);
        float[] raw = new float[n * size];
        System.arraycopy(rawWindows, start * size, raw, 0, n * size);
        float[] standardised = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
          int f = i % features;
          standardised[i] = (raw[i] - scaler.mean(f)) / scaler.std(f);
        }
        float[] reference = network.reconstruct(standardised, n);
        double[] referenceScores = network.scores(standardised, n, n);
        BatchScores scores = scorer.score(raw, n, true, latent);
        float[] referenceCodes = latent ? network.encode(standardised, n) : null;
        for (int b = 0; b < n; b++) {
          float[] reconstruction = scores.reconstruction(b);
          for (int i = 0; i < size; i++) {
            int f = i % features;
            double onnxValue = (reconstruction[i] - scaler.mean(f)) / (double) scaler.std(f);
            maxReconstruction =
                Math.max(maxReconstruction, Math.abs(onnxValue - reference[b * size + i]));
          }
          maxScore = Math.max(maxScore, Math.abs(scores.score(b) - referenceScores[b]));
          if (latent) {
            float[] code = scores.latent(b);
            if (referenceCodes.length != n * code.length) {
              // A code of another size is as wrong as can be.
              maxLatent = Double.POSITIVE_INFINITY;
              continue;
            }
            for (int l = 0; l < code.length; l++) {
              maxLatent =
                  Math.max(maxLatent, Math.abs(code[l] - referenceCodes[b * code.length + l]));
            }
          }
        }
      }
    }
    return new ParityReport(count, maxReconstruction, maxScore, maxLatent);
  }
}
