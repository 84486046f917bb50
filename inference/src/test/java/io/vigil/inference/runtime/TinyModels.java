package io.vigil.inference.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import io.vigil.inference.onnx.Activation;
import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.BodyLayout;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.inference.onnx.OnnxGraphBuilder;
import io.vigil.inference.onnx.ScoreOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny dense autoencoder with known weights (W=4, F=2, hidden 2, tanh), its contract metadata,
 * and a plain-Java reference of what the model must compute, in double precision.
 */
final class TinyModels {
  static final int W = 4;
  static final int F = 2;
  static final int HIDDEN = 2;
  static final float[] MEAN = {20f, 0.5f};
  static final float[] STD = {5f, 0.25f};
  static final InferenceSettings CPU = new InferenceSettings(ExecutionProvider.CPU, 1, 8);

  /**
   * A body in the {@code [batch, W, F]} layout that halves the standardised window: the
   * reconstruction is half-way between x and the mean.
   */
  static final AutoencoderBody HALF =
      new AutoencoderBody() {
        @Override
        public BodyLayout layout() {
          return BodyLayout.SEQUENCE;
        }

        @Override
        public String build(OnnxGraphBuilder graph, String input, int window, int features) {
          String half = graph.initializer("half", new float[] {0.5f});
          return graph.node("Mul", List.of(input, half));
        }
      };

  private TinyModels() {}

  static ModelMetadata metadata() {
    return new ModelMetadata(
        "tiny-dense",
        "1.0.0",
        "dense",
        List.of("temperature", "vibration"),
        W,
        2,
        Scaler.of(MEAN, STD),
        1.5,
        "{\"source\":\"unit test\",\"rows\":0,\"seed\":7}");
  }

  /** Encoder weights {@code [W*F][HIDDEN]}: small, distinct, signed. */
  static float[][] encoderWeights() {
    float[][] w = new float[W * F][HIDDEN];
    for (int i = 0; i < W * F; i++) {
      for (int o = 0; o < HIDDEN; o++) {
        w[i][o] = ((i * 3 + o * 5) % 7 - 3) * 0.1f;
      }
    }
    return w;
  }

  static float[] encoderBias() {
    return new float[] {0.05f, -0.1f};
  }

  /** Decoder weights {@code [HIDDEN][W*F]}. */
  static float[][] decoderWeights() {
    float[][] w = new float[HIDDEN][W * F];
    for (int i = 0; i < HIDDEN; i++) {
      for (int o = 0; o < W * F; o++) {
        w[i][o] = ((i * 7 + o * 2) % 9 - 4) * 0.15f;
      }
    }
    return w;
  }

  static float[] decoderBias() {
    float[] b = new float[W * F];
    for (int o = 0; o < b.length; o++) {
      b[o] = (o % 3 - 1) * 0.02f;
    }
    return b;
  }

  static DenseAutoencoder autoencoder() {
    return new DenseAutoencoder(
        List.of(
            new DenseLayer(encoderWeights(), encoderBias(), Activation.TANH),
            new DenseLayer(decoderWeights(), decoderBias(), Activation.NONE)));
  }

  static ModelProto dense(ScoreOutputs scores) {
    return ContractGraphs.build(metadata(), autoencoder(), scores);
  }

  static Path write(ModelProto model, Path dir, String name) {
    Path path = dir.resolve(name);
    try {
      OnnxGraphBuilder.write(model, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  /** Returns the model with some metadata entries replaced (null value: removed). */
  static ModelProto withMetadata(ModelProto model, Map<String, String> changes) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      properties.put(entry.getKey(), entry.getValue());
    }
    changes.forEach(
        (key, value) -> {
          if (value == null) {
            properties.remove(key);
          } else {
            properties.put(key, value);
          }
        });
    ModelProto.Builder builder = model.toBuilder().clearMetadataProps();
    properties.forEach(
        (key, value) ->
            builder.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return builder.build();
  }

  /** Deterministic test windows around the scaler mean, flat {@code [n][W][F]}. */
  static float[] windows(int count, int seed) {
    float[] values = new float[count * W * F];
    for (int i = 0; i < values.length; i++) {
      int f = i % F;
      double wave = Math.sin(0.7 * i + seed) + 0.5 * Math.cos(1.3 * i * (seed + 1));
      values[i] = (float) (MEAN[f] + STD[f] * wave);
    }
    return values;
  }

  /** The reference latent code of one window (the tanh hidden layer), in double precision. */
  static double[] code(float[] windows, int b) {
    float[][] w0 = encoderWeights();
    float[] b0 = encoderBias();
    double[] h = new double[HIDDEN];
    for (int o = 0; o < HIDDEN; o++) {
      double sum = b0[o];
      for (int i = 0; i < W * F; i++) {
        int f = i % F;
        sum += (windows[b * W * F + i] - MEAN[f]) / (double) STD[f] * w0[i][o];
      }
      h[o] = Math.tanh(sum);
    }
    return h;
  }

  /** The reference reconstruction of one window, in double precision. */
  static double[] reconstruction(float[] windows, int b) {
    float[][] w1 = decoderWeights();
    float[] b1 = decoderBias();
    double[] h = code(windows, b);
    double[] r = new double[W * F];
    for (int o = 0; o < r.length; o++) {
      double sum = b1[o];
      for (int i = 0; i < HIDDEN; i++) {
        sum += h[i] * w1[i][o];
      }
      r[o] = sum * STD[o % F] + MEAN[o % F];
    }
    return r;
  }

  /** The reference channel scores of one window: mean over time of ((x - r) / std)^2. */
  static double[] channelScores(float[] windows, int b) {
    double[] r = reconstruction(windows, b);
    double[] scores = new double[F];
    for (int t = 0; t < W; t++) {
      for (int f = 0; f < F; f++) {
        double e = (windows[b * W * F + t * F + f] - r[t * F + f]) / STD[f];
        scores[f] += e * e / W;
      }
    }
    return scores;
  }

  /** The reference score of one window: the mean of its channel scores. */
  static double score(float[] windows, int b) {
    double sum = 0;
    for (double channel : channelScores(windows, b)) {
      sum += channel;
    }
    return sum / F;
  }
}
