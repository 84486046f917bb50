package io.vigil.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.scoring.SeverityBands;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.model.backtest.PolicyFactory;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SKAB protocol on one real file, when the data set is present ({@code -Dvigil.skab.dir}, by
 * default {@code ../../shared/data/skab} from the module); the full table comes from {@code vigil
 * evaluate skab}.
 */
class SkabEvaluationTest {
  private static final Path SKAB =
      Path.of(System.getProperty("vigil.skab.dir", "../../shared/data/skab"));

  @Test
  void evaluatesOneFileOnItsRowsAfterTheFirst400() {
    assumeTrue(
        Files.isDirectory(SKAB.resolve("valve1")),
        "SKAB data not found at " + SKAB.toAbsolutePath() + "; skipping the SKAB evaluation test");
    List<Path> files = SkabEvaluation.labelledFiles(SKAB);
    assertThat(files).hasSize(34);
    assertThat(files.get(0)).endsWith(Path.of("valve1", "0.csv"));
    assertThat(files.get(2)).endsWith(Path.of("valve1", "2.csv"));

    TrainingOptions options =
        TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
            .window(10)
            .stride(1)
            .epochs(10)
            .batchSize(32)
            .stdFloor(0.01)
            .build();
    PolicyFactory policy =
        (suggested, w, s) ->
            new DetectionPolicy(
                "static",
                1,
                new ThresholdSpec(ThresholdMethod.STATIC, Map.of("value", suggested), 0, suggested),
                new AlertRule(10, 10, 1, 0, SeverityBands.DEFAULT, 3));
    FileResult result =
        new SkabEvaluation(
                options,
                ThresholdCalibration.DEFAULT,
                policy,
                new GapFillPolicy(2, 1000),
                List.of(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .evaluate(SKAB, files.get(3));

    assertThat(result.name()).isEqualTo(Path.of("valve1", "3.csv").toString());
    assertThat(result.testRows()).isEqualTo(1148 - SkabEvaluation.TRAIN_ROWS);
    assertThat(result.metrics().rows()).isEqualTo(result.testRows());
    assertThat(result.delays()).hasSize(1);
    assertThat(result.metrics().f1()).isGreaterThan(0.5);
  }

  @Test
  void aDirectoryWithoutTheSkabFoldersIsRefusedSayingWhatIsExpected(@TempDir Path empty) {
    assertThatThrownBy(() -> SkabEvaluation.labelledFiles(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected the SKAB data folder with [valve1, valve2, other]");
  }
}
