package io.vigil.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.vigil.inference.contract.Scaler;
import io.vigil.inference.onnx.AutoencoderBody;
import io.vigil.inference.onnx.ContractGraphs;
import io.vigil.inference.onnx.ScoreOutputs;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.SimulatedData;
import io.vigil.model.data.WindowSet;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** What the parity tests share: small seeded training runs and the export checks. */
final class ExportFixtures {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  /** Windows each parity comparison runs on. */
  static final int WINDOWS = 40;

  /** Training data of the parity tests: one simulated device, 400 frames. */
  static final Recording DATA = SimulatedData.normal(1, 5, 400);

  private ExportFixtures() {}

  static TrainedModel train(TrainingOptions options) {
    return new TrainingPipeline(
            options, ThresholdCalibration.DEFAULT, new ModelIdentity("parity", "1"), CLOCK)
        .run(DATA, TrainingListener.NONE);
  }

  /** Raw (unstandardised) windows of fresh simulator data, for a model's W. */
  static float[] rawWindows(TrainedModel model) {
    Recording fresh = SimulatedData.normal(1, 99, 200);
    int w = model.metadata().window();
    WindowSet windows =
        WindowSet.of(fresh.series(), w, 1, Scaler.identity(fresh.channels().size()));
    return windows.values();
  }

  /** Compares a model's own export with its network. */
  static ParityReport parity(TrainedModel model) {
    return ParityCheck.compare(model.network(), model.bytes(), rawWindows(model), WINDOWS);
  }

  /** Compares another body, e.g. a deliberately broken one, with the model's network. */
  static ParityReport parity(TrainedModel model, AutoencoderBody body) {
    byte[] bytes =
        ContractGraphs.build(model.metadata(), body, ScoreOutputs.IN_GRAPH).toByteArray();
    return ParityCheck.compare(model.network(), bytes, rawWindows(model), WINDOWS);
  }

  /** Returns L, the size of the export's {@code latent} output (0 without one). */
  static int latentSize(TrainedModel model) {
    InferenceSettings settings = new InferenceSettings(ExecutionProvider.CPU, 1, 1);
    try (OnnxModel onnx = OnnxModel.load(model.bytes(), "latent size", settings)) {
      return onnx.latentSize();
    }
  }

  /** A window scores and reconstructs the same alone as among 15 others. */
  static void assertBatchOneEqualsBatchN(TrainedModel model) {
    float[] windows = rawWindows(model);
    int size = model.metadata().window() * model.metadata().featureCount();
    int n = 16;
    InferenceSettings settings = new InferenceSettings(ExecutionProvider.CPU, 1, n);
    try (OnnxModel onnx = OnnxModel.load(model.bytes(), "batch test", settings)) {
      BatchScores batch = onnx.newScorer().score(windows, n, true);
      for (int b = 0; b < n; b++) {
        float[] one = new float[size];
        System.arraycopy(windows, b * size, one, 0, size);
        BatchScores alone = onnx.newScorer().score(one, 1, true);
        // ONNX Runtime may pick other kernels for one row than for many: equal to float rounding.
        assertThat(alone.score(0)).isCloseTo(batch.score(b), withinPercentage(1e-4));
        float[] a = alone.reconstruction(0);
        float[] r = batch.reconstruction(b);
        for (int i = 0; i < size; i++) {
          assertThat(a[i]).isCloseTo(r[i], within(1e-5f));
        }
      }
    }
  }
}
