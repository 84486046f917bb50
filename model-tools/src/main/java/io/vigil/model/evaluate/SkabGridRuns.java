package io.vigil.model.evaluate;

import io.vigil.model.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The per-file protocol for grid candidates: one model per file and model setting (level removal,
 * std floor, W, training stride), trained once and kept for every policy and every fold that asks
 * for it, replayed under each candidate's policy. Owns the models' sessions.
 *
 * <p>With several training seeds, each file and setting gets one model per seed, and a candidate's
 * result on a file is its runs pooled ({@link FileResult#pool}): choosing and reporting then read
 * every seed's run, so neither depends on where one training run happened to start.
 */
public final class SkabGridRuns implements SkabSelection.Runs, AutoCloseable {
  private final SkabEvaluation evaluation;
  private final Path root;
  private final List<Long> seeds;
  private final Map<Path, Map<SkabCandidate.ModelSetting, List<SkabModel>>> models =
      new HashMap<>();

  /**
   * Creates the runs, with each file's models trained from each of the seeds.
   *
   * @param evaluation the base protocol: model options (their seed is replaced), calibration,
   *     channels, gap filling
   * @param root the SKAB data directory
   * @param seeds the training seeds, at least one, none repeated
   */
  public SkabGridRuns(SkabEvaluation evaluation, Path root, List<Long> seeds) {
    if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException(
          "training seeds " + seeds + ": expected at least one, none repeated");
    }
    this.evaluation = evaluation;
    this.root = root;
    this.seeds = List.copyOf(seeds);
  }

  @Override
  public List<FileResult> run(Path file, List<SkabCandidate> candidates) {
    List<FileResult> results = new ArrayList<>();
    double calibrated = evaluation.calibration().margin();
    for (SkabCandidate c : candidates) {
      List<SkabModel> perSeed =
          models
              .computeIfAbsent(file, f -> new HashMap<>())
              .computeIfAbsent(c.modelSetting(), setting -> train(file, setting));
      double scale = Double.isNaN(c.margin()) ? 1.0 : c.margin() / calibrated;
      List<FileResult> runs = new ArrayList<>();
      for (SkabModel model : perSeed) {
        runs.add(model.replay(c.policy().factory(), scale));
      }
      results.add(FileResult.pool(runs));
    }
    return results;
  }

  private List<SkabModel> train(Path file, SkabCandidate.ModelSetting setting) {
    List<SkabModel> perSeed = new ArrayList<>();
    try {
      for (long seed : seeds) {
        TrainingOptions options =
            setting.apply(evaluation.options()).toBuilder().seed(seed).build();
        perSeed.add(evaluation.train(root, file, options));
      }
    } catch (RuntimeException e) {
      // Not in the map yet, so close() would not reach them.
      perSeed.forEach(SkabModel::close);
      throw e;
    }
    return perSeed;
  }

  /** Closes every model. */
  @Override
  public void close() {
    models.values().forEach(m -> m.values().forEach(list -> list.forEach(SkabModel::close)));
    models.clear();
  }
}
