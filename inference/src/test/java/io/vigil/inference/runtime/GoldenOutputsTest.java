package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny dense autoencoder, built in code and run by ONNX Runtime, against plain Java. */
class GoldenOutputsTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path dir;
  private static OnnxModel model;

  @BeforeAll
  static void load() {
    Path path = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "tiny.onnx");
    model = OnnxModel.load(path, TinyModels.CPU);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void reconstructionAndScoresMatchTheJavaComputation() {
    int count = 3;
    float[] windows = TinyModels.windows(count, 1);

    BatchScores scores = model.newScorer().score(windows, count, true);

    assertThat(scores.size()).isEqualTo(count);
    for (int b = 0; b < count; b++) {
      double[] expected = TinyModels.reconstruction(windows, b);
      float[] actual = scores.reconstruction(b);
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) actual[i])
            .as("window %d value %d", b, i)
            .isCloseTo(expected[i], within(TOLERANCE));
      }
      double[] channels = TinyModels.channelScores(windows, b);
      for (int f = 0; f < TinyModels.F; f++) {
        assertThat((double) scores.channelScore(b, f)).isCloseTo(channels[f], within(TOLERANCE));
      }
      assertThat((double) scores.score(b))
          .isCloseTo(TinyModels.score(windows, b), within(TOLERANCE));
    }
  }

  @Test
  void reportsTheModelsOwnScoreOutputs() {
    assertThat(model.hasScoreOutput()).isTrue();
    assertThat(model.hasChannelScoresOutput()).isTrue();
    assertThat(model.metadata().modelId()).isEqualTo("tiny-dense");
  }

  @Test
  void batchOfOneEqualsTheSameWindowInABatchOfMany() {
    int count = 8;
    float[] windows = TinyModels.windows(count, 2);
    WindowBatchScorer scorer = model.newScorer();

    BatchScores batch = scorer.score(windows, count, true);
    for (int b = 0; b < count; b++) {
      float[] one = Arrays.copyOfRange(windows, b * 8, (b + 1) * 8);
      BatchScores single = scorer.score(one, 1, true);

      assertThat(single.score(0)).isCloseTo(batch.score(b), within(1e-6f));
      assertThat(single.channelScores(0)).containsExactly(batch.channelScores(b), within(1e-6f));
      assertThat(single.reconstruction(0)).containsExactly(batch.reconstruction(b), within(1e-6f));
    }
  }

  @Test
  void smallerBatchAfterAFullOneReadsOnlyItsOwnWindows() {
    WindowBatchScorer scorer = model.newScorer();
    float[] full = TinyModels.windows(scorer.maxBatchSize(), 3);
    scorer.score(full, scorer.maxBatchSize(), false);

    float[] small = TinyModels.windows(2, 4);
    BatchScores scores = scorer.score(small, 2, false);

    assertThat(scores.size()).isEqualTo(2);
    for (int b = 0; b < 2; b++) {
      assertThat((double) scores.score(b)).isCloseTo(TinyModels.score(small, b), within(TOLERANCE));
    }
  }

  @Test
  void readsOnlyTheFirstCountWindowsOfALargerArray() {
    float[] windows = TinyModels.windows(5, 5);

    BatchScores scores = model.newScorer().score(windows, 2, false);

    assertThat(scores.size()).isEqualTo(2);
    assertThat((double) scores.score(1)).isCloseTo(TinyModels.score(windows, 1), within(TOLERANCE));
  }

  @Test
  void nestedArraysScoreLikeTheFlatLayout() {
    float[] flat = TinyModels.windows(2, 6);
    float[][][] nested = new float[2][TinyModels.W][TinyModels.F];
    for (int i = 0; i < flat.length; i++) {
      nested[i / 8][(i / 2) % 4][i % 2] = flat[i];
    }
    WindowBatchScorer scorer = model.newScorer();

    assertThat(scorer.score(nested, false).scores())
        .containsExactly(scorer.score(flat, 2, false).scores());
  }

  @Test
  void leavesOutTheReconstructionUnlessAsked() {
    BatchScores scores = model.newScorer().score(TinyModels.windows(1, 7), 1, false);

    assertThat(scores.hasReconstructions()).isFalse();
    assertThatThrownBy(() -> scores.reconstruction(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without reconstructions");
  }

  @Test
  void refusesABatchLargerThanTheMaximum() {
    WindowBatchScorer scorer = model.newScorer();
    int tooMany = scorer.maxBatchSize() + 1;

    assertThatThrownBy(() -> scorer.score(TinyModels.windows(tooMany, 8), tooMany, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch of 9 windows, expected 1 to 8 (inference.max-batch-size)");
  }

  @Test
  void refusesAnArrayShorterThanTheBatch() {
    assertThatThrownBy(() -> model.newScorer().score(new float[10], 2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("windows has 10 values, expected at least 2 windows of 4x2 = 16");
  }
}
