package io.vigil.model.export;

import static io.vigil.model.export.ExportFixtures.assertBatchOneEqualsBatchN;
import static io.vigil.model.export.ExportFixtures.latentSize;
import static io.vigil.model.export.ExportFixtures.parity;
import static io.vigil.model.export.ExportFixtures.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.train.DenseNetwork;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.Network;
import io.vigil.model.train.TrainingOptions;
import io.vigil.model.validate.ModelValidator;
import io.vigil.model.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble of three dense networks and one of two conv networks (a sequence layout): each export
 * computes what its members compute together (their mean reconstruction, their codes side by side;
 * within 1e-4, batch 1 = batch N), is a contract model, and exporting the first member alone, the
 * easy mistake, is caught by the parity check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleParityTest {
  private TrainedModel dense;
  private TrainedModel conv;

  @TempDir Path dir;

  @BeforeAll
  void trainEnsembles() {
    dense = train(small(ModelKind.DENSE, 24, 3));
    conv = train(small(ModelKind.CONV, 6, 2));
  }

  private static TrainingOptions small(ModelKind kind, int hidden, int members) {
    return TrainingOptions.defaults(kind).toBuilder()
        .window(16)
        .stride(2)
        .epochs(3)
        .batchSize(32)
        .hidden(List.of(hidden))
        .latent(4)
        .members(members)
        .build();
  }

  @AfterAll
  void close() {
    dense.close();
    conv.close();
  }

  @Test
  void membersAreTrainedFromTheirOwnSeeds() {
    List<Network> members = dense.network().networks();

    assertThat(members).hasSize(3);
    assertThat(dense.network().histories()).hasSize(3);
    float[] first = ((DenseNetwork) members.get(0)).weights().get(0).weight();
    float[] second = ((DenseNetwork) members.get(1)).weights().get(0).weight();
    assertThat(first).isNotEqualTo(second);
    assertThat(dense.metadata().provenanceJson())
        .contains("\"members\":3", "\"memberRuns\":[{\"seed\":42,");
  }

  @Test
  void exportsAgreeWithTheirEnsemblesWithin1e4() {
    for (TrainedModel model : List.of(dense, conv)) {
      ParityReport report = parity(model);

      assertThat(report.maxReconstructionError()).isLessThan(ParityReport.TOLERANCE);
      assertThat(report.maxScoreError()).isLessThan(ParityReport.TOLERANCE);
      assertThat(report.maxLatentError()).isLessThan(ParityReport.TOLERANCE);
    }
  }

  @Test
  void theCodeIsEveryMembersCode() {
    // Dense: 3 x L = 4; conv: 2 x 4 channels x W / 4 steps.
    assertThat(latentSize(dense)).isEqualTo(12);
    assertThat(latentSize(conv)).isEqualTo(32);
  }

  @Test
  void scoresAWindowAloneAsInABatch() {
    assertBatchOneEqualsBatchN(dense);
    assertBatchOneEqualsBatchN(conv);
  }

  @Test
  void validateModelAcceptsTheExport() throws IOException {
    Path file = dir.resolve("ensemble.onnx");
    Files.write(file, dense.bytes());

    ValidationReport report = ModelValidator.validate(file);

    assertThat(report.problems()).isEmpty();
    assertThat(report.accepted()).isTrue();
  }

  @Test
  void exportingTheFirstMemberAloneFailsTheParityCheck() {
    for (TrainedModel model : List.of(dense, conv)) {
      ParityReport report = parity(model, NetworkExporter.body(model.network().network()));

      assertThat(report.agrees(ParityReport.TOLERANCE)).isFalse();
      assertThat(report.maxReconstructionError()).isGreaterThan(1e-3);
    }
  }
}
