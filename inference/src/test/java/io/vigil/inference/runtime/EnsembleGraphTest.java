package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.onnx.Activation;
import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.DenseAutoencoder;
import io.vigil.inference.onnx.DenseLayer;
import io.vigil.inference.onnx.EnsembleBody;
import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble of two tiny dense autoencoders, run by ONNX Runtime: its reconstruction is the mean
 * of the two members' (each run as a model of its own), its code their codes side by side, and its
 * score the contract score of that mean.
 */
class EnsembleGraphTest {
  private static final int COUNT = 5;

  @TempDir Path dir;

  @Test
  void reconstructsAsTheMeanOfItsMembersAndScoresThatMean() {
    DenseAutoencoder first = TinyModels.autoencoder();
    DenseAutoencoder second = scaled(1f, -0.5f);
    float[] windows = TinyModels.windows(COUNT, 11);

    BatchScores a = score(first, "first.onnx", windows);
    BatchScores b = score(second, "second.onnx", windows);
    BatchScores both = score(new EnsembleBody(List.of(first, second)), "both.onnx", windows);

    int size = TinyModels.W * TinyModels.F;
    for (int w = 0; w < COUNT; w++) {
      float[] ra = a.reconstruction(w);
      float[] rb = b.reconstruction(w);
      float[] mean = both.reconstruction(w);
      double expectedScore = 0;
      for (int i = 0; i < size; i++) {
        int f = i % TinyModels.F;
        // The mean in standardised units is the mean in raw units: the scaler is affine.
        assertThat(mean[i])
            .as("window %d value %d", w, i)
            .isCloseTo((ra[i] + rb[i]) / 2, within(1e-4f));
        double e = (windows[w * size + i] - mean[i]) / TinyModels.STD[f];
        expectedScore += e * e / size;
      }
      assertThat((double) both.score(w)).as("window %d", w).isCloseTo(expectedScore, within(1e-5));
      // Two members that disagree: the mean is neither.
      assertThat(both.score(w)).isNotCloseTo(a.score(w), within(1e-3f));
    }
  }

  @Test
  void itsCodeIsTheMembersCodesSideBySide() {
    DenseAutoencoder first = TinyModels.autoencoder();
    DenseAutoencoder second = scaled(0.5f, 2f);
    float[] windows = TinyModels.windows(COUNT, 5);

    BatchScores a = score(first, "first.onnx", windows);
    BatchScores b = score(second, "second.onnx", windows);
    BatchScores both = score(new EnsembleBody(List.of(first, second)), "both.onnx", windows);

    assertThat(both.latent(0)).hasSize(2 * TinyModels.HIDDEN);
    for (int w = 0; w < COUNT; w++) {
      float[] code = both.latent(w);
      float[] own = a.latent(w);
      float[] other = b.latent(w);
      for (int l = 0; l < TinyModels.HIDDEN; l++) {
        assertThat(code[l]).isCloseTo(own[l], within(1e-6f));
        assertThat(code[TinyModels.HIDDEN + l]).isCloseTo(other[l], within(1e-6f));
        // The two encoders differ, so the halves cannot be swapped or repeated unnoticed.
        assertThat(own[l]).isNotCloseTo(other[l], within(1e-4f));
      }
    }
  }

  @Test
  void needsTwoMembersOfOneLayout() {
    assertThatThrownBy(() -> new EnsembleBody(List.of(TinyModels.autoencoder())))
        .hasMessage("an ensemble needs at least two members, found 1");
    assertThatThrownBy(() -> new EnsembleBody(List.of(TinyModels.autoencoder(), TinyModels.HALF)))
        .hasMessage(
            "ensemble member 1 reads SEQUENCE, member 0 reads FLAT: members must share a layout");
  }

  private BatchScores score(AutoencoderBody body, String name, float[] windows) {
    Path path =
        TinyModels.write(
            ContractGraphs.build(TinyModels.metadata(), body, ScoreOutputs.IN_GRAPH), dir, name);
    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      return model.newScorer().score(windows, COUNT, true, true);
    }
  }

  /** The tiny autoencoder with its encoder's and decoder's weights scaled. */
  private static DenseAutoencoder scaled(float encoder, float decoder) {
    return new DenseAutoencoder(
        List.of(
            new DenseLayer(
                times(TinyModels.encoderWeights(), encoder),
                TinyModels.encoderBias(),
                Activation.TANH),
            new DenseLayer(
                times(TinyModels.decoderWeights(), decoder),
                TinyModels.decoderBias(),
                Activation.NONE)));
  }

  private static float[][] times(float[][] w, float factor) {
    for (float[] row : w) {
      for (int o = 0; o < row.length; o++) {
        row[o] *= factor;
      }
    }
    return w;
  }
}
