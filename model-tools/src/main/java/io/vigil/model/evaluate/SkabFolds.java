package io.vigil.model.evaluate;

import io.vigil.model.backtest.PolicyLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-folder selection on SKAB: a fold chooses grid candidates on its selection folders' files
 * ({@link SkabSelection}) and reports the chosen ones on the other folders' files, whose labels the
 * choice never read. The standard folds are {@code valve1} against {@code valve2} + {@code other},
 * and the reverse; pooled, their held-out reports cover every file once, each scored with settings
 * chosen without its labels.
 */
public final class SkabFolds {
  private SkabFolds() {}

  /** The two standard folds: choose on valve1, and choose on valve2 and other. */
  public static final List<List<String>> STANDARD =
      List.of(List.of("valve1"), List.of("valve2", "other"));

  /**
   * A fold's outcome.
   *
   * @param selectOn the folders chosen on
   * @param selectionFiles the files chosen on
   * @param heldOutFiles the files reported on
   * @param selection every candidate's results on the selection files
   * @param heldOut the chosen candidates' results on the held-out files, by candidate name
   */
  public record Fold(
      List<String> selectOn,
      List<Path> selectionFiles,
      List<Path> heldOutFiles,
      SkabSelection.Selection selection,
      Map<String, EvaluationResult> heldOut) {

    /** Copies the collections. */
    public Fold {
      selectOn = List.copyOf(selectOn);
      selectionFiles = List.copyOf(selectionFiles);
      heldOutFiles = List.copyOf(heldOutFiles);
      heldOut = Map.copyOf(heldOut);
    }

    /** Returns a chosen candidate's results on the held-out files. */
    public EvaluationResult heldOut(SkabSelection.Scored chosen) {
      return heldOut.get(chosen.candidate().name());
    }

    /**
     * Returns a chosen candidate's results on every file: the selection files (chosen on) and the
     * held-out ones.
     */
    public EvaluationResult allFiles(SkabSelection.Scored chosen) {
      List<FileResult> all = new ArrayList<>(chosen.result().files());
      all.addAll(heldOut(chosen).files());
      return new EvaluationResult(all);
    }
  }

  /**
   * Splits the labelled files into those of the given folders and the rest.
   *
   * @param root the SKAB data directory
   * @param selectOn folder names, each one of {@link SkabEvaluation#FOLDERS}
   * @return two lists: the selection files, then the held-out files
   */
  public static List<List<Path>> split(Path root, List<String> selectOn) {
    for (String folder : selectOn) {
      if (!SkabEvaluation.FOLDERS.contains(folder)) {
        throw new IllegalArgumentException(
            "select on '" + folder + "': expected folders among " + SkabEvaluation.FOLDERS);
      }
    }
    if (new LinkedHashSet<>(selectOn).containsAll(SkabEvaluation.FOLDERS)) {
      throw new IllegalArgumentException(
          "select on " + selectOn + " leaves no folder to report on");
    }
    List<Path> selection = new ArrayList<>();
    List<Path> heldOut = new ArrayList<>();
    for (Path file : SkabEvaluation.labelledFiles(root)) {
      String folder = root.relativize(file).getName(0).toString();
      (selectOn.contains(folder) ? selection : heldOut).add(file);
    }
    return List.of(selection, heldOut);
  }

  /**
   * Runs one fold: selection on the given folders, then the overall winner and each method's winner
   * on the rest.
   *
   * @param root the SKAB data directory
   * @param selectOn the folders to choose on
   * @param candidates the grid
   * @param runs the per-file protocol
   * @return the fold's outcome
   */
  public static Fold run(
      Path root, List<String> selectOn, List<SkabCandidate> candidates, SkabSelection.Runs runs) {
    List<List<Path>> split = split(root, selectOn);
    SkabSelection.Selection selection = SkabSelection.select(candidates, split.get(0), runs);
    Map<String, SkabCandidate> chosen = new LinkedHashMap<>();
    chosen.put(selection.best().candidate().name(), selection.best().candidate());
    selection
        .bestPerMethod()
        .values()
        .forEach(s -> chosen.put(s.candidate().name(), s.candidate()));
    List<SkabCandidate> report = List.copyOf(chosen.values());
    Map<String, EvaluationResult> heldOut = new LinkedHashMap<>();
    SkabSelection.score(report, split.get(1), runs)
        .forEach(s -> heldOut.put(s.candidate().name(), s.result()));
    return new Fold(selectOn, split.get(0), split.get(1), selection, heldOut);
  }

  /**
   * Pools the folds' held-out results of their overall winners: with folds whose held-out files
   * partition the data, every file once, scored with settings chosen without its labels.
   *
   * @param folds the folds
   * @return the pooled held-out results
   */
  public static EvaluationResult pooledHeldOut(List<Fold> folds) {
    List<FileResult> all = new ArrayList<>();
    folds.forEach(f -> all.addAll(f.heldOut(f.selection().best()).files()));
    return new EvaluationResult(all);
  }

  /**
   * Pools, per threshold method, the folds' held-out results of that method's winners.
   *
   * @param folds the folds
   * @return by method, the pooled held-out results
   */
  public static Map<String, EvaluationResult> pooledHeldOutPerMethod(List<Fold> folds) {
    Map<String, List<FileResult>> byMethod = new LinkedHashMap<>();
    for (Fold f : folds) {
      f.selection()
          .bestPerMethod()
          .forEach(
              (method, chosen) ->
                  byMethod
                      .computeIfAbsent(method, m -> new ArrayList<>())
                      .addAll(f.heldOut(chosen).files()));
    }
    Map<String, EvaluationResult> pooled = new LinkedHashMap<>();
    byMethod.forEach((m, files) -> pooled.put(m, new EvaluationResult(files)));
    return pooled;
  }

  /**
   * Reads a grid file: one candidate per line ({@link SkabCandidate#parse}); blank lines and lines
   * starting with {@code #} are ignored.
   *
   * @param file the grid
   * @param defaults the level removal of lines without {@code remove-level}
   * @return the candidates
   */
  public static List<SkabCandidate> readGrid(
      Path file, io.vigil.model.train.LevelRemoval defaults) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    return PolicyLines.readLines(
        file,
        "grid file",
        "candidate line",
        line -> {
          SkabCandidate c = SkabCandidate.parse(line, defaults);
          if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the name '" + c.name() + "' is used twice");
          }
          return c;
        });
  }
}
