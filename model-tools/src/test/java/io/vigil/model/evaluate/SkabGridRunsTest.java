package io.vigil.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.core.window.GapFillPolicy;
import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.train.LevelRemoval;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Grid runs from several training seeds: a candidate's result on a file is every seed's run pooled,
 * exactly the runs of each seed alone added up (on one real SKAB file, when the data set is
 * present); and the pooling itself, on made-up results.
 */
class SkabGridRunsTest {
  private static final Path SKAB =
      Path.of(System.getProperty("vigil.skab.dir", "../../shared/data/skab"));

  private static final SkabEvaluation EVALUATION =
      new SkabEvaluation(
          TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
              .window(10)
              .stride(2)
              .epochs(3)
              .batchSize(32)
              .build(),
          ThresholdCalibration.DEFAULT,
          NamedPolicy.DEFAULT.factory(),
          new GapFillPolicy(2, 1000),
          List.of(),
          Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void aCandidatesResultFromSeveralSeedsIsEachSeedsRunAddedUp() {
    assumeTrue(
        Files.isDirectory(SKAB.resolve("valve1")),
        "SKAB data not found at " + SKAB.toAbsolutePath() + "; skipping the SKAB grid seeds test");
    Path file = SkabEvaluation.labelledFiles(SKAB).get(3);
    List<SkabCandidate> grid =
        List.of(SkabCandidate.parse("static method=static", LevelRemoval.NONE));

    FileResult pooled;
    FileResult one;
    FileResult two;
    try (SkabGridRuns both = new SkabGridRuns(EVALUATION, SKAB, List.of(1L, 2L));
        SkabGridRuns first = new SkabGridRuns(EVALUATION, SKAB, List.of(1L));
        SkabGridRuns second = new SkabGridRuns(EVALUATION, SKAB, List.of(2L))) {
      pooled = both.run(file, grid).get(0);
      one = first.run(file, grid).get(0);
      two = second.run(file, grid).get(0);
    }

    assertThat(pooled.metrics()).isEqualTo(one.metrics().plus(two.metrics()));
    assertThat(pooled.testRows()).isEqualTo(2 * one.testRows());
    assertThat(pooled.delays()).hasSize(one.delays().size() + two.delays().size());
    // Two seeds, two models: not the same model twice.
    assertThat(one.suggestedThreshold()).isNotEqualTo(two.suggestedThreshold());
  }

  @Test
  void seedsAreGivenOnceAndAtLeastOne() {
    assertThatThrownBy(() -> new SkabGridRuns(EVALUATION, SKAB, List.of()))
        .hasMessage("training seeds []: expected at least one, none repeated");
    assertThatThrownBy(() -> new SkabGridRuns(EVALUATION, SKAB, List.of(3L, 3L)))
        .hasMessage("training seeds [3, 3]: expected at least one, none repeated");
  }

  @Test
  void poolingAddsCountsAndRowsAndKeepsEveryDelay() {
    EpisodeDelay found = new EpisodeDelay(new LabelledEpisode(10, 20), OptionalLong.of(4000));
    EpisodeDelay missed = new EpisodeDelay(new LabelledEpisode(10, 20), OptionalLong.empty());
    FileResult a =
        new FileResult("v/1.csv", 100, new PointMetrics(5, 2, 90, 3), List.of(found), 1.0, 10, 2);
    FileResult b =
        new FileResult("v/1.csv", 100, new PointMetrics(4, 6, 86, 4), List.of(missed), 3.0, 20, 3);

    FileResult pooled = FileResult.pool(List.of(a, b));

    assertThat(pooled.testRows()).isEqualTo(200);
    assertThat(pooled.metrics()).isEqualTo(new PointMetrics(9, 8, 176, 7));
    assertThat(pooled.delays()).containsExactly(found, missed);
    assertThat(pooled.suggestedThreshold()).isEqualTo(2.0);
    assertThat(pooled.epochs()).isEqualTo(15);
    assertThat(pooled.trainingSeconds()).isEqualTo(5.0);
    assertThat(FileResult.pool(List.of(a))).isSameAs(a);
    FileResult other = new FileResult("v/2.csv", 100, PointMetrics.EMPTY, List.of(), 1, 1, 0);
    assertThatThrownBy(() -> FileResult.pool(List.of(a, other)))
        .hasMessage("cannot pool runs of v/1.csv and v/2.csv: they are other files");
  }
}
