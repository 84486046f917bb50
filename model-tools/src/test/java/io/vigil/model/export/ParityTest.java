package io.vigil.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.vigil.inference.contract.Scaler;
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
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exported ONNX model computes what the trained DJL network computes, for each kind: within
 * 1e-4 on the same windows, a window scores the same alone as in a batch, and a wrong LSTM gate
 * mapping is caught by the same check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParityTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final int WINDOWS = 40;

  private TrainedModel dense;
  private TrainedModel lstm;

  @BeforeAll
  void train() {
    Recording data = SimulatedData.normal(1, 5, 400);
    dense =
        train(
            data,
            TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
                .window(16)
                .stride(2)
                .hidden(List.of(24))
                .latent(4)
                .epochs(3)
                .batchSize(32)
                .build());
    lstm =
        train(
            data,
            TrainingOptions.defaults(ModelKind.LSTM).toBuilder()
                .window(12)
                .stride(3)
                .hidden(List.of(8))
                .latent(4)
                .epochs(2)
                .batchSize(32)
                .build());
  }

  @AfterAll
  void close() {
    dense.close();
    lstm.close();
  }

  private static TrainedModel train(Recording data, TrainingOptions options) {
    return new TrainingPipeline(
            options, ThresholdCalibration.DEFAULT, new ModelIdentity("parity", "1"), CLOCK)
        .run(data, TrainingListener.NONE);
  }

  /** Raw (unstandardised) windows of fresh simulator data, for a model's W. */
  private static float[] rawWindows(TrainedModel model) {
    Recording fresh = SimulatedData.normal(1, 99, 200);
    int w = model.metadata().window();
    WindowSet windows =
        WindowSet.of(fresh.series(), w, 1, Scaler.identity(fresh.channels().size()));
    return windows.values();
  }

  @Test
  void denseExportAgreesWithTheNetworkWithin1e4() {
    ParityReport report =
        ParityCheck.compare(dense.network(), dense.bytes(), rawWindows(dense), WINDOWS);

    assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
    assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void lstmExportAgreesWithTheNetworkWithin1e4() {
    ParityReport report =
        ParityCheck.compare(lstm.network(), lstm.bytes(), rawWindows(lstm), WINDOWS);

    assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
    assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void aWrongGateMappingFailsTheParityCheck() {
    byte[] wrong =
        ContractGraphs.build(
                lstm.metadata(),
                NetworkExporter.body(lstm.network().network(), GateOrder.of(0, 1, 2, 3)),
                ScoreOutputs.IN_GRAPH)
            .toByteArray();

    ParityReport report = ParityCheck.compare(lstm.network(), wrong, rawWindows(lstm), WINDOWS);

    assertThat(report.agrees(ParityReport.TOLERANCE)).isFalse();
    assertThat(report.maxReconstructionError()).isGreaterThan(1e-2);
  }

  @Test
  void denseScoresAWindowAloneAsInABatch() {
    assertBatchOneEqualsBatchN(dense);
  }

  @Test
  void lstmScoresAWindowAloneAsInABatch() {
    assertBatchOneEqualsBatchN(lstm);
  }

  private static void assertBatchOneEqualsBatchN(TrainedModel model) {
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
