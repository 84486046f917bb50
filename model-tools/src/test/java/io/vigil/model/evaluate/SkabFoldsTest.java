package io.vigil.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.train.LevelRemoval;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-folder selection on a tiny synthetic SKAB layout, with the per-file protocol replaced by a
 * table of results: the choice reads only the selection files, the held-out files are run only with
 * the chosen candidates, and the winner is the best pooled F1 (then the lower FAR).
 */
class SkabFoldsTest {
  @TempDir Path root;

  private final List<String> calls = new ArrayList<>();

  private final List<SkabCandidate> grid =
      List.of(
          SkabCandidate.parse("plain method=static", LevelRemoval.NONE),
          SkabCandidate.parse("thermal remove-level=T method=static margin=2", LevelRemoval.NONE),
          SkabCandidate.parse("thermal-ewma remove-level=T k=6", LevelRemoval.NONE),
          SkabCandidate.parse("tie method=static margin=3", LevelRemoval.NONE));

  @BeforeEach
  void layout() throws IOException {
    for (String file : List.of("valve1/0.csv", "valve1/1.csv", "valve2/0.csv", "other/1.csv")) {
      Path p = root.resolve(file);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "not read by this test\n");
    }
  }

  /**
   * Results by candidate: on valve1 'thermal' is best and 'tie' equals it in F1 with more false
   * alarms; on the other folders 'plain' is best. Every call is recorded.
   */
  private List<FileResult> table(Path file, List<SkabCandidate> candidates) {
    String folder = root.relativize(file).getName(0).toString();
    List<FileResult> out = new ArrayList<>();
    for (SkabCandidate c : candidates) {
      calls.add(root.relativize(file) + " " + c.name());
      boolean valve1 = folder.equals("valve1");
      PointMetrics m =
          switch (c.name()) {
            case "plain" -> valve1 ? new PointMetrics(5, 5, 85, 5) : new PointMetrics(9, 0, 90, 1);
            case "thermal" ->
                valve1 ? new PointMetrics(8, 1, 89, 2) : new PointMetrics(6, 4, 86, 4);
            case "thermal-ewma" -> new PointMetrics(7, 2, 88, 3);
            default -> valve1 ? new PointMetrics(8, 1, 88, 2) : new PointMetrics(1, 9, 81, 9);
          };
      out.add(new FileResult(root.relativize(file).toString(), 100, m, List.of(), 1, 1, 0));
    }
    return out;
  }

  @Test
  void choosesOnTheSelectionFilesAndRunsOnlyTheChosenOnesOnTheOthers() {
    SkabFolds.Fold fold = SkabFolds.run(root, List.of("valve1"), grid, this::table);

    assertThat(fold.selection().best().candidate().name()).isEqualTo("thermal");
    assertThat(fold.selection().bestPerMethod())
        .containsOnlyKeys("static", "ewma")
        .satisfies(m -> assertThat(m.get("static").candidate().name()).isEqualTo("thermal"));
    // Every candidate on valve1; on valve2 and other only the winners (overall and per method).
    assertThat(calls)
        .filteredOn(c -> !c.startsWith("valve1"))
        .containsExactlyInAnyOrder(
            "valve2/0.csv thermal",
            "valve2/0.csv thermal-ewma",
            "other/1.csv thermal",
            "other/1.csv thermal-ewma");
    assertThat(calls).filteredOn(c -> c.startsWith("valve1")).hasSize(2 * grid.size());
    assertThat(fold.heldOutFiles()).hasSize(2);
    assertThat(fold.heldOut(fold.selection().best()).total())
        .isEqualTo(new PointMetrics(12, 8, 172, 8));
    assertThat(fold.allFiles(fold.selection().best()).files()).hasSize(4);
  }

  @Test
  void theReverseFoldChoosesOnItsOwnFolders() {
    SkabFolds.Fold fold = SkabFolds.run(root, List.of("valve2", "other"), grid, this::table);

    assertThat(fold.selection().best().candidate().name()).isEqualTo("plain");
    assertThat(fold.selectionFiles()).hasSize(2);
    assertThat(calls)
        .filteredOn(c -> c.startsWith("valve1"))
        .allMatch(c -> c.endsWith(" plain") || c.endsWith(" thermal-ewma"));
  }

  @Test
  void pooledHeldOutCoversEveryFileOnce() {
    List<SkabFolds.Fold> folds =
        List.of(
            SkabFolds.run(root, List.of("valve1"), grid, this::table),
            SkabFolds.run(root, List.of("valve2", "other"), grid, this::table));

    EvaluationResult pooled = SkabFolds.pooledHeldOut(folds);
    assertThat(pooled.files())
        .extracting(FileResult::name)
        .containsExactlyInAnyOrder(
            Path.of("valve1/0.csv").toString(),
            Path.of("valve1/1.csv").toString(),
            Path.of("valve2/0.csv").toString(),
            Path.of("other/1.csv").toString());
    Map<String, EvaluationResult> perMethod = SkabFolds.pooledHeldOutPerMethod(folds);
    assertThat(perMethod.get("ewma").files()).hasSize(4);
    // thermal on valve2 + other (12, 8, 172, 8), plain on valve1 (10, 10, 170, 10).
    assertThat(pooled.total()).isEqualTo(new PointMetrics(22, 18, 342, 18));
    List<String> report = SkabReport.folds(folds, "dense");
    assertThat(report.get(report.size() - 1))
        .isEqualTo("skab dense held-out " + pooled.total().summary());
    assertThat(report).anyMatch(l -> l.startsWith("  chosen: thermal (remove-level=T"));
  }

  @Test
  void aFoldMustLeaveSomethingToReportOnAndNameRealFolders() {
    assertThatThrownBy(
            () -> SkabFolds.run(root, List.of("valve1", "valve2", "other"), grid, this::table))
        .hasMessageContaining("leaves no folder to report on");
    assertThatThrownBy(() -> SkabFolds.run(root, List.of("valve3"), grid, this::table))
        .hasMessageContaining("expected folders among [valve1, valve2, other]");
    assertThat(calls).isEmpty();
  }

  @Test
  void gridLinesSplitModelSettingsFromThePolicy() {
    SkabCandidate c =
        SkabCandidate.parse(
            "t-spot remove-level=Temperature,Thermocouple margin=2 method=spot initSize=80"
                + " level=0.9",
            LevelRemoval.NONE);

    assertThat(c.modelSetting().levelRemoval().channels())
        .containsExactly("Temperature", "Thermocouple");
    assertThat(c.margin()).isEqualTo(2.0);
    assertThat(c.method()).isEqualTo("spot");
    assertThat(SkabCandidate.parse("d", LevelRemoval.ALL).method()).isEqualTo("ewma");
    assertThat(SkabCandidate.parse("d", LevelRemoval.ALL).modelSetting().levelRemoval())
        .isEqualTo(LevelRemoval.ALL);
    assertThatThrownBy(() -> SkabCandidate.parse("bad method=nope", LevelRemoval.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void modelSettingsOfALineApplyToTheBaseOptionsAndKeyTheSharedModel() {
    TrainingOptions base = TrainingOptions.defaults(ModelKind.DENSE);
    SkabCandidate small =
        SkabCandidate.parse(
            "w16 remove-level=Temperature std-floor=0.01 window=16 training-stride=1"
                + " method=static",
            LevelRemoval.NONE);
    SkabCandidate plain = SkabCandidate.parse("plain method=static", LevelRemoval.NONE);

    TrainingOptions applied = small.modelSetting().apply(base);
    assertThat(applied.window()).isEqualTo(16);
    assertThat(applied.stride()).isEqualTo(base.stride());
    assertThat(applied.fitStride()).isEqualTo(1);
    assertThat(applied.stdFloor()).isEqualTo(0.01);
    assertThat(applied.levelRemoval().channels()).containsExactly("Temperature");
    assertThat(plain.modelSetting().apply(base)).isEqualTo(base);
    assertThat(small.modelSetting())
        .isEqualTo(
            SkabCandidate.parse(
                    "other remove-level=Temperature window=16 std-floor=0.01 training-stride=1 k=6",
                    LevelRemoval.NONE)
                .modelSetting())
        .isNotEqualTo(plain.modelSetting());
    assertThatThrownBy(() -> SkabCandidate.parse("bad window=1.5", LevelRemoval.NONE))
        .hasMessageContaining("window=1.5 must be a whole number >= 2");
    assertThatThrownBy(() -> SkabCandidate.parse("bad std-floor=2", LevelRemoval.NONE))
        .hasMessageContaining("std-floor=2.0 must be in [0, 1]");
  }
}
