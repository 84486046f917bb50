package io.vigil.model.export;

import static io.vigil.model.export.ExportFixtures.assertBatchOneEqualsBatchN;
import static io.vigil.model.export.ExportFixtures.latentSize;
import static io.vigil.model.export.ExportFixtures.parity;
import static io.vigil.model.export.ExportFixtures.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exported ONNX model computes what the trained DJL network computes, for each kind: within
 * 1e-4 on the same windows, a window scores the same alone as in a batch, and a wrong LSTM gate
 * mapping is caught by the same check. The kinds added later are in {@link KindsParityTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParityTest {
  private TrainedModel dense;
  private TrainedModel lstm;

  @BeforeAll
  void trainModels() {
    dense =
        train(
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

  @Test
  void denseExportAgreesWithTheNetworkWithin1e4() {
    ParityReport report = parity(dense);

    assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
    assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void lstmExportAgreesWithTheNetworkWithin1e4() {
    ParityReport report = parity(lstm);

    assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
    assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void denseLatentIsTheNetworksCodeWithin1e4() {
    assertThat(latentSize(dense)).isEqualTo(4);
    assertThat(parity(dense).maxLatentError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void lstmLatentIsTheNetworksCodeWithin1e4() {
    assertThat(latentSize(lstm)).isEqualTo(4);
    assertThat(parity(lstm).maxLatentError()).isLessThan(ParityReport.TOLERANCE);
  }

  @Test
  void aWrongGateMappingFailsTheParityCheck() {
    ParityReport report =
        parity(lstm, NetworkExporter.body(lstm.network().network(), GateOrder.of(0, 1, 2, 3)));

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
}
