package io.vigil.model.linear;

import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.onnx.Activation;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.inference.onnx.OnnxGraphBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a linear autoencoder on normal data and writes it as a contract model: features are
 * standardised, windows of W frames flattened, and the encoder and decoder are the leading
 * principal components of those windows (power iteration with deflation from a fixed seed, so the
 * same data always gives the same model). The suggested threshold is 1.5 times the 99.5th
 * percentile of the training windows' scores.
 */
public final class PcaAutoencoder {
  private PcaAutoencoder() {}

  /**
   * Fits and writes the model.
   *
   * @param out the .onnx file to write
   * @param series normal data, one {@code [T][F]} array per device or recording, raw units
   * @param features the F feature names, in column order
   * @param window W
   * @param stride S
   * @param components latent size, 1..W*F
   * @param modelId id written into the metadata
   * @param provenanceJson a JSON object saying where the data came from
   * @return the metadata written into the model
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
    int f = features.size();
    if (components < 1 || components > window * f) {
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
    int d = window * f;
    List<double[]> windows = new ArrayList<>();
    for (double[][] s : series) {
      for (int start = 0; start + window <= s.length; start += stride) {
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
    double threshold = trainingScoreQuantile(windows, v, mu, window, f, 0.995) * 1.5;

    float[] m = new float[f];
    float[] s = new float[f];
    for (int c = 0; c < f; c++) {
      m[c] = (float) mean[c];
      s[c] = (float) std[c];
    }
    ModelMetadata metadata =
        new ModelMetadata(
            modelId,
            "1",
            "linear",
            features,
            window,
            stride,
            Scaler.of(m, s),
            threshold,
            provenanceJson);
    DenseAutoencoder ae =
        new DenseAutoencoder(
            List.of(
                new DenseLayer(enc, encBias, Activation.NONE),
                new DenseLayer(dec, decBias, Activation.NONE)));
    OnnxGraphBuilder.write(ContractGraphs.dense(metadata, ae), out);
    return metadata;
  }

  private static double trainingScoreQuantile(
      List<double[]> windows, double[][] v, double[] mu, int window, int f, double q) {
    double[] scores = new double[windows.size()];
    for (int w = 0; w < windows.size(); w++) {
      double[] x = windows.get(w);
      double[] r = mu.clone();
      for (double[] vk : v) {
        double z = 0;
        for (int i = 0; i < x.length; i++) {
          z += (x[i] - mu[i]) * vk[i];
        }
        for (int i = 0; i < x.length; i++) {
          r[i] += z * vk[i];
        }
      }
      double total = 0;
      for (int c = 0; c < f; c++) {
        double sum = 0;
        for (int t = 0; t < window; t++) {
          double e = x[t * f + c] - r[t * f + c];
          sum += e * e;
        }
        total += sum / window;
      }
      scores[w] = total / f;
    }
    Arrays.sort(scores);
    return scores[(int) Math.min(scores.length - 1, Math.floor(q * scores.length))];
  }

  /** The leading eigenvectors of a symmetric matrix by power iteration with deflation. */
  private static double[][] leadingEigenvectors(double[][] a, int k) {
    int d = a.length;
    double[][] m = new double[d][];
    for (int i = 0; i < d; i++) {
      m[i] = a[i].clone();
    }
    double[][] vectors = new double[k][];
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
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
