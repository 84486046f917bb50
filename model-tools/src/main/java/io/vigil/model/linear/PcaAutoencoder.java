package io.vigil.model.linear;

import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.onnx.Activation;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.inference.onnx.OnnxGraphBuilder;
import io.vigil.inference.scoring.ScoreFormula;
import io.vigil.inference.scoring.StillnessTerm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a linear autoencoder on normal data and writes it as a contract model: features are scaled
 * (by their standard deviation unless told otherwise, see {@link ChannelScaling}), windows of W
 * frames flattened, and the encoder and decoder are the leading principal components of those
 * windows (power iteration with deflation from a fixed seed, so the same data always gives the same
 * model). The scores are computed in the graph, with the contract's formula or with a stillness
 * term and a root-mean score ({@link PcaSettings}). The suggested threshold is 1.5 times the 99.5th
 * percentile of the training windows' scores.
 *
 * <p>The model's version is derived from its settings and provenance ({@link #version}): two fits
 * that differ in either carry different versions, so a stream restarted with another linear model
 * under the same id sees a model change (its stored thresholds were learned on the old model's
 * scores) instead of taking the new one for the old.
 */
public final class PcaAutoencoder {
  /** Training windows scored at a time when the suggested threshold is computed. */
  private static final int SCORING_CHUNK = 256;

  private PcaAutoencoder() {}

  /**
   * Returns the version a fit with these settings and provenance carries: {@code 1-} and the first
   * eight hex digits of the SHA-256 of both.
   *
   * @param settings what is fitted
   * @param provenanceJson where the data came from
   * @return e.g. {@code 1-3fa2b1c0}
   */
  static String version(PcaSettings settings, String provenanceJson) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((settings.toJson() + "\n" + provenanceJson).getBytes(StandardCharsets.UTF_8));
      return "1-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Fits and writes the plain model ({@link PcaSettings#plain}).
   *
   * @see #fit(Path, List, List, PcaSettings, String, String)
   */
  public static ModelMetadata fit(
      Path out,
      List<double[][]> series,
      List<String> features,
      int window,
      int stride,
      int components,
      String modelId,
      String provenanceJson)
      throws IOException {
    return fit(
        out,
        series,
        features,
        PcaSettings.plain(window, stride, components),
        modelId,
        provenanceJson);
  }

  /**
   * Fits and writes the model.
   *
   * @param out the .onnx file to write
   * @param series normal data, one {@code [T][F]} array per device or recording, raw units
   * @param features the F feature names, in column order
   * @param settings W, S, the latent size (1..W*F), the channels' unit and the scores
   * @param modelId id written into the metadata
   * @param provenanceJson a JSON object saying where the data came from
   * @return the metadata written into the model
   */
  public static ModelMetadata fit(
      Path out,
      List<double[][]> series,
      List<String> features,
      PcaSettings settings,
      String modelId,
      String provenanceJson)
      throws IOException {
    int f = features.size();
    int window = settings.window();
    int components = settings.components();
    if (components > window * f) {
      throw new IllegalArgumentException(
          "components " + components + " is invalid; expected 1.." + window * f + " (W*F)");
    }
    double[] mean = new double[f];
    double[] std = new double[f];
    long n = 0;
    for (double[][] s : series) {
      for (double[] row : s) {
        for (int c = 0; c < f; c++) {
          mean[c] += row[c];
        }
        n++;
      }
    }
    for (int c = 0; c < f; c++) {
      mean[c] /= n;
    }
    for (double[][] s : series) {
      for (double[] row : s) {
        for (int c = 0; c < f; c++) {
          std[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
        }
      }
    }
    for (int c = 0; c < f; c++) {
      std[c] = Math.max(1e-6, Math.sqrt(std[c] / n));
    }
    double[] steps = meanSquaredSteps(series, f);
    for (int c = 0; c < f; c++) {
      // The noise level: white noise of standard deviation s has a mean squared step of 2 s^2.
      double noise = Math.sqrt(steps[c] / 2);
      switch (settings.scaling()) {
        case SPREAD -> {}
        case SPREAD_AND_NOISE -> std[c] = Math.max(1e-6, Math.sqrt(std[c] * noise));
        case NOISE -> std[c] = Math.max(1e-6, noise);
      }
    }
    int d = window * f;
    List<double[]> windows = new ArrayList<>();
    for (double[][] s : series) {
      for (int start = 0; start + window <= s.length; start += settings.stride()) {
        double[] x = new double[d];
        for (int t = 0; t < window; t++) {
          for (int c = 0; c < f; c++) {
            x[t * f + c] = (s[start + t][c] - mean[c]) / std[c];
          }
        }
        windows.add(x);
      }
    }
    double[] mu = new double[d];
    windows.forEach(x -> Arrays.setAll(mu, i -> mu[i] + x[i] / windows.size()));
    double[][] cov = new double[d][d];
    for (double[] x : windows) {
      for (int i = 0; i < d; i++) {
        double xi = x[i] - mu[i];
        for (int j = i; j < d; j++) {
          cov[i][j] += xi * (x[j] - mu[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        cov[i][j] /= windows.size();
        cov[j][i] = cov[i][j];
      }
    }
    double[][] v = leadingEigenvectors(cov, components);

    float[][] enc = new float[d][components];
    float[] encBias = new float[components];
    float[][] dec = new float[components][d];
    float[] decBias = new float[d];
    for (int k = 0; k < components; k++) {
      double b = 0;
      for (int i = 0; i < d; i++) {
        enc[i][k] = (float) v[k][i];
        dec[k][i] = (float) v[k][i];
        b -= mu[i] * v[k][i];
      }
      encBias[k] = (float) b;
    }
    for (int i = 0; i < d; i++) {
      decBias[i] = (float) mu[i];
    }

    float[] m = new float[f];
    float[] s = new float[f];
    for (int c = 0; c < f; c++) {
      m[c] = (float) mean[c];
      s[c] = (float) std[c];
    }
    Reconstructor model = new Reconstructor(v, mu, m, s, window);
    StillnessTerm stillness = null;
    if (settings.stillness() != null) {
      double meanScore =
          Arrays.stream(model.scores(windows, ScoreFormula.CONTRACT)).average().orElse(1);
      float[] normal = new float[f];
      for (int c = 0; c < f; c++) {
        // A channel that never moved in training still needs a positive normal movement.
        normal[c] = (float) Math.max(1e-12, steps[c]);
      }
      // Weight per channel: the channel scores are averaged, so F times the score's share.
      stillness =
          new StillnessTerm(
              normal,
              settings.stillness().tolerance(),
              settings.stillness().strength() * Math.max(meanScore, 1e-12) * f);
    }
    ScoreFormula formula = new ScoreFormula(stillness, settings.rootMeanScore());
    double[] scores = model.scores(windows, formula);
    Arrays.sort(scores);
    double threshold =
        scores[(int) Math.min(scores.length - 1, Math.floor(0.995 * scores.length))] * 1.5;

    ModelMetadata metadata =
        new ModelMetadata(
            modelId,
            version(settings, provenanceJson),
            "linear",
            features,
            window,
            settings.stride(),
            Scaler.of(m, s),
            threshold,
            provenanceJson);
    DenseAutoencoder ae =
        new DenseAutoencoder(
            List.of(
                new DenseLayer(enc, encBias, Activation.NONE),
                new DenseLayer(dec, decBias, Activation.NONE)));
    OnnxGraphBuilder.write(ContractGraphs.dense(metadata, ae, formula), out);
    return metadata;
  }

  /** Each channel's mean squared step {@code (x[t] - x[t-1])^2} over every series, raw units. */
  private static double[] meanSquaredSteps(List<double[][]> series, int f) {
    double[] sum = new double[f];
    long n = 0;
    for (double[][] s : series) {
      for (int t = 1; t < s.length; t++) {
        for (int c = 0; c < f; c++) {
          double step = s[t][c] - s[t - 1][c];
          sum[c] += step * step;
        }
        n++;
      }
    }
    double[] steps = new double[f];
    for (int c = 0; c < f; c++) {
      steps[c] = n == 0 ? 0 : sum[c] / n;
    }
    return steps;
  }

  /**
   * The fitted model in plain Java: reconstructs standardised training windows and scores them in
   * raw units with the formula the graph will use, a chunk of windows at a time.
   */
  private record Reconstructor(double[][] v, double[] mu, float[] mean, float[] std, int window) {

    double[] scores(List<double[]> windows, ScoreFormula formula) {
      int f = std.length;
      int d = window * f;
      double[] scores = new double[windows.size()];
      float[] raw = new float[SCORING_CHUNK * d];
      float[] reconstructed = new float[SCORING_CHUNK * d];
      float[] channels = new float[SCORING_CHUNK * f];
      float[] chunkScores = new float[SCORING_CHUNK];
      for (int from = 0; from < windows.size(); from += SCORING_CHUNK) {
        int count = Math.min(SCORING_CHUNK, windows.size() - from);
        for (int b = 0; b < count; b++) {
          double[] x = windows.get(from + b);
          double[] r = mu.clone();
          for (double[] vk : v) {
            double z = 0;
            for (int i = 0; i < d; i++) {
              z += (x[i] - mu[i]) * vk[i];
            }
            for (int i = 0; i < d; i++) {
              r[i] += z * vk[i];
            }
          }
          for (int i = 0; i < d; i++) {
            int c = i % f;
            raw[b * d + i] = (float) (x[i] * std[c] + mean[c]);
            reconstructed[b * d + i] = (float) (r[i] * std[c] + mean[c]);
          }
        }
        formula.channelScores(raw, reconstructed, count, window, std, channels);
        formula.scores(channels, count, f, chunkScores);
        for (int b = 0; b < count; b++) {
          scores[from + b] = chunkScores[b];
        }
      }
      return scores;
    }
  }

  /** The leading eigenvectors of a symmetric matrix by power iteration with deflation. */
  private static double[][] leadingEigenvectors(double[][] a, int k) {
    int d = a.length;
    double[][] m = new double[d][];
    for (int i = 0; i < d; i++) {
      m[i] = a[i].clone();
    }
    double[][] vectors = new double[k][];
    SplittableRandom random = new SplittableRandom(17);
    for (int c = 0; c < k; c++) {
      double[] v = new double[d];
      Arrays.setAll(v, i -> random.nextDouble() - 0.5);
      double lambda = 0;
      for (int iter = 0; iter < 500; iter++) {
        double[] next = new double[d];
        for (int i = 0; i < d; i++) {
          double sum = 0;
          for (int j = 0; j < d; j++) {
            sum += m[i][j] * v[j];
          }
          next[i] = sum;
        }
        double norm = Math.sqrt(Arrays.stream(next).map(x -> x * x).sum());
        for (int i = 0; i < d; i++) {
          next[i] /= norm;
        }
        v = next;
        lambda = norm;
      }
      vectors[c] = v;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          m[i][j] -= lambda * v[i] * v[j];
        }
      }
    }
    return vectors;
  }
}
