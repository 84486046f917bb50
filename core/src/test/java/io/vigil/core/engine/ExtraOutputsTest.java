package io.vigil.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.window.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine hands each judged window the reconstruction, frame times and latent code when asked,
 * and asks the scorer for nothing beyond the scores otherwise.
 */
class ExtraOutputsTest {
  private static final List<String> CHANNELS = List.of("a", "b");
  private static final int W = 4;
  private static final int S = 2;
  private static final long STEP = 1000;
  private static final long T0 = 1_700_000_000_000L;

  /** Reconstructs a window as half its values; its code is the mean of each channel. */
  private static final class HalvingScorer implements WindowScorer {
    final List<ExtraOutputs> asked = new ArrayList<>();

    @Override
    public int maxBatchSize() {
      return 3;
    }

    @Override
    public int latentSize() {
      return CHANNELS.size();
    }

    @Override
    public ScoredBatch scoreBatch(float[] windows, int count) {
      return scoreBatch(windows, count, ExtraOutputs.NONE);
    }

    @Override
    public ScoredBatch scoreBatch(float[] windows, int count, ExtraOutputs extras) {
      asked.add(extras);
      int size = W * CHANNELS.size();
      float[] copy = java.util.Arrays.copyOf(windows, count * size);
      return new ScoredBatch() {
        @Override
        public float score(int i) {
          return 0.1f;
        }

        @Override
        public float[] channelScores(int i) {
          return new float[] {0.1f, 0.1f};
        }

        @Override
        public float[] reconstruction(int i) {
          float[] r = new float[size];
          for (int k = 0; k < size; k++) {
            r[k] = copy[i * size + k] / 2;
          }
          return r;
        }

        @Override
        public float[] latent(int i) {
          float[] code = new float[CHANNELS.size()];
          for (int k = 0; k < size; k++) {
            code[k % CHANNELS.size()] += copy[i * size + k] / W;
          }
          return code;
        }
      };
    }
  }

  private static List<ScoredWindow> run(HalvingScorer scorer, ExtraOutputs extras) {
    WindowSpec spec = new WindowSpec(CHANNELS, W, S, 0, DetectionDefaults.gapFill(STEP));
    List<ScoredWindow> windows = new ArrayList<>();
    OfflineDetection run =
        new OfflineDetection(
            spec,
            d -> spec,
            scorer,
            extras,
            d -> DetectionDefaults.policy(1.0, W, S),
            windows::add);
    for (int i = 0; i < 10; i++) {
      run.offer("pump", T0 + i * STEP, new double[] {i, 10 * i});
    }
    run.finish();
    return windows;
  }

  @Test
  void eachWindowCarriesItsReconstructionFrameTimesAndCodeWhenAsked() {
    HalvingScorer scorer = new HalvingScorer();

    List<ScoredWindow> windows = run(scorer, new ExtraOutputs(true, true));

    assertThat(windows).hasSize(4);
    ScoredWindow second = windows.get(1);
    // Frames 2..5: a = 2..5, b = 20..50.
    assertThat(second.frameTimes())
        .containsExactly(T0 + 2 * STEP, T0 + 3 * STEP, T0 + 4 * STEP, T0 + 5 * STEP);
    assertThat(second.reconstruction()).containsExactly(1f, 10f, 1.5f, 15f, 2f, 20f, 2.5f, 25f);
    assertThat(second.latent()).containsExactly(3.5f, 35f);
    assertThat(scorer.asked).allMatch(e -> e.reconstruction() && e.latent());
  }

  @Test
  void withoutExtrasNothingIsAskedOfTheScorerNorCarried() {
    HalvingScorer scorer = new HalvingScorer();

    List<ScoredWindow> windows = run(scorer, ExtraOutputs.NONE);

    assertThat(windows).hasSize(4);
    assertThat(windows)
        .allMatch(w -> w.reconstruction() == null && w.latent() == null && w.frameTimes() == null);
    assertThat(scorer.asked).isNotEmpty().allMatch(e -> !e.any());
  }

  @Test
  void codesAskedOfAModelWithoutThemAreRefusedAtTheStart() {
    WindowScorer noCodes =
        new WindowScorer() {
          @Override
          public int maxBatchSize() {
            return 1;
          }

          @Override
          public ScoredBatch scoreBatch(float[] windows, int count) {
            throw new AssertionError("not reached");
          }
        };
    WindowSpec spec = new WindowSpec(CHANNELS, W, S, 0, DetectionDefaults.gapFill(STEP));

    assertThatThrownBy(
            () ->
                new OfflineDetection(
                    spec,
                    d -> spec,
                    noCodes,
                    new ExtraOutputs(false, true),
                    d -> DetectionDefaults.policy(1.0, W, S),
                    w -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the model has no 'latent' output");
  }
}
