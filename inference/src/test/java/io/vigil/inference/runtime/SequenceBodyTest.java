package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A body in the {@code [batch, W, F]} layout is wrapped without flattening. */
class SequenceBodyTest {
  @TempDir Path dir;

  @Test
  void sequenceBodyScoresLikeItsFormula() {
    Path path =
        TinyModels.write(
            ContractGraphs.build(TinyModels.metadata(), TinyModels.HALF, ScoreOutputs.IN_GRAPH),
            dir,
            "half.onnx");
    float[] windows = TinyModels.windows(1, 3);

    try (OnnxModel model = OnnxModel.load(path, TinyModels.CPU)) {
      BatchScores scores = model.newScorer().score(windows, 1, true);

      double expected = 0;
      for (int i = 0; i < windows.length; i++) {
        int f = i % TinyModels.F;
        double reconstruction = TinyModels.MEAN[f] + 0.5 * (windows[i] - TinyModels.MEAN[f]);
        assertThat((double) scores.reconstruction(0)[i]).isCloseTo(reconstruction, within(1e-5));
        double e = (windows[i] - reconstruction) / TinyModels.STD[f];
        expected += e * e / windows.length;
      }
      assertThat((double) scores.score(0)).isCloseTo(expected, within(1e-5));
    }
  }
}
