package io.vigil.model.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses among grid candidates on selection files only: every candidate is run on those files, and
 * the one with the highest pooled F1 wins (ties: the lower FAR, then the earlier candidate).
 * Nothing here sees any other file; the held-out report runs only the chosen candidates ({@link
 * SkabFolds}).
 */
public final class SkabSelection {
  private SkabSelection() {}

  /** Runs candidates on one file: the per-file protocol, one result per candidate, in order. */
  @FunctionalInterface
  public interface Runs {
    /**
     * Runs the candidates on a file.
     *
     * @param file the labelled file
     * @param candidates the candidates
     * @return one result per candidate, in the same order
     */
    List<FileResult> run(Path file, List<SkabCandidate> candidates);
  }

  /**
   * A candidate with its results on the selection files.
   *
   * @param candidate the candidate
   * @param result its results on the selection files
   */
  public record Scored(SkabCandidate candidate, EvaluationResult result) {}

  /**
   * Every candidate's results on the selection files, in grid order.
   *
   * @param scored the candidates with their results
   */
  public record Selection(List<Scored> scored) {
    /** Copies the list. */
    public Selection {
      scored = List.copyOf(scored);
    }

    /** Returns the winner: highest F1, then lowest FAR, then the earliest in the grid. */
    public Scored best() {
      return best(scored);
    }

    /** Returns the winner of each threshold method, by method in the grid's order. */
    public Map<String, Scored> bestPerMethod() {
      Map<String, List<Scored>> byMethod = new LinkedHashMap<>();
      for (Scored s : scored) {
        byMethod.computeIfAbsent(s.candidate().method(), m -> new ArrayList<>()).add(s);
      }
      Map<String, Scored> best = new LinkedHashMap<>();
      byMethod.forEach((method, list) -> best.put(method, best(list)));
      return best;
    }

    private static Scored best(List<Scored> list) {
      // Stable: among equal F1 and FAR the first in grid order stays first.
      Comparator<Scored> order =
          Comparator.<Scored>comparingDouble(s -> -s.result().total().f1())
              .thenComparingDouble(s -> s.result().total().falseAlarmRate());
      return list.stream().sorted(order).findFirst().orElseThrow();
    }
  }

  /**
   * Runs every candidate on the selection files.
   *
   * @param candidates the grid, at least one
   * @param selectionFiles the files whose labels the choice may read
   * @param runs the per-file protocol
   * @return every candidate's pooled results on those files
   */
  public static Selection select(
      List<SkabCandidate> candidates, List<Path> selectionFiles, Runs runs) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a selection grid needs at least one candidate");
    }
    if (selectionFiles.isEmpty()) {
      throw new IllegalArgumentException("a selection needs at least one file to choose on");
    }
    return new Selection(score(candidates, selectionFiles, runs));
  }

  /**
   * Runs every candidate on the files and pools each one's results.
   *
   * @param candidates the candidates
   * @param files the files (none gives empty results)
   * @param runs the per-file protocol
   * @return each candidate with its pooled results, in the candidates' order
   */
  static List<Scored> score(List<SkabCandidate> candidates, List<Path> files, Runs runs) {
    List<List<FileResult>> perCandidate = new ArrayList<>();
    candidates.forEach(c -> perCandidate.add(new ArrayList<>()));
    for (Path file : files) {
      List<FileResult> results = runs.run(file, candidates);
      for (int i = 0; i < candidates.size(); i++) {
        perCandidate.get(i).add(results.get(i));
      }
    }
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      scored.add(new Scored(candidates.get(i), new EvaluationResult(perCandidate.get(i))));
    }
    return scored;
  }
}
