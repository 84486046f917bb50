package io.vigil.model.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-file protocol for grid candidates: one model per file and model setting (level removal,
 * std floor, W, training stride), trained once and kept for every policy and every fold that asks
 * for it, replayed under each candidate's policy. Owns the models' sessions.
 */
public final class SkabGridRuns implements SkabSelection.Runs, AutoCloseable {
  private final SkabEvaluation evaluation;
  private final Path root;
  private final Map<Path, Map<SkabCandidate.ModelSetting, SkabModel>> models = new HashMap<>();

  /**
   * Creates the runs.
   *
   * @param evaluation the base protocol: model options, calibration, channels, gap filling
   * @param root the SKAB data directory
   */
  public SkabGridRuns(SkabEvaluation evaluation, Path root) {
    this.evaluation = evaluation;
    this.root = root;
  }

  @Override
  public List<FileResult> run(Path file, List<SkabCandidate> candidates) {
    List<FileResult> results = new ArrayList<>();
    double calibrated = evaluation.calibration().margin();
    for (SkabCandidate c : candidates) {
      SkabModel model =
          models
              .computeIfAbsent(file, f -> new HashMap<>())
              .computeIfAbsent(c.modelSetting(), setting -> train(file, setting));
      double scale = Double.isNaN(c.margin()) ? 1.0 : c.margin() / calibrated;
      results.add(model.replay(c.policy().factory(), scale));
    }
    return results;
  }

  private SkabModel train(Path file, SkabCandidate.ModelSetting setting) {
    return evaluation.train(root, file, setting.apply(evaluation.options()));
  }

  /** Closes every model. */
  @Override
  public void close() {
    models.values().forEach(m -> m.values().forEach(SkabModel::close));
    models.clear();
  }
}
