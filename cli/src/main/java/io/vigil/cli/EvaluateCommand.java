package io.vigil.cli;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.backtest.PolicyLines;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.evaluate.EvaluationResult;
import io.vigil.model.evaluate.FileResult;
import io.vigil.model.evaluate.SkabCandidate;
import io.vigil.model.evaluate.SkabEvaluation;
import io.vigil.model.evaluate.SkabFolds;
import io.vigil.model.evaluate.SkabGridRuns;
import io.vigil.model.evaluate.SkabReport;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil evaluate}: evaluations on labelled data sets; one subcommand per data set. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates models on labelled data through the stream's own detection core (windows,"
          + " ONNX scoring, thresholds, alert rule) and reports point-wise F1, FAR, MAR and"
          + " detection delays."
    },
    subcommands = {EvaluateCommand.Skab.class})
final class EvaluateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a data set is required, e.g. 'vigil evaluate skab --data DIR'");
  }

  /** {@code vigil evaluate skab}. */
  @Command(
      name = "skab",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "The SKAB protocol: per labelled file, train on its first 400 rows, score the rest;"
            + " F1, FAR and MAR over every test row of the 34 files, beside the published"
            + " leaderboard.",
        "Defaults are those of vigil train, vigil backtest and the stream (the built-in policy);"
            + " every option changes one of them.",
        "The last line is 'skab F1=... FAR=...%% MAR=...%%'."
      })
  static final class Skab implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "The SKAB data folder.")
    Path data;

    @Mixin ModelShapeOptions shape;

    @Mixin PolicyOptions policyOptions;

    @Option(
        names = "--std-floor",
        description = "Scaler std at least this x |mean| (default 0, as vigil train).")
    Double stdFloor;

    @Option(
        names = "--training-stride",
        description =
            "Rows between the windows each model is fitted on (default S, as vigil train).")
    Integer trainingStride;

    @Option(
        names = "--threshold-quantile",
        description = "Calibration quantile (default 0.99, as vigil train).")
    Double quantile;

    @Option(
        names = "--threshold-margin",
        description = "Calibration margin (default 1.5, as vigil train).")
    Double margin;

    @Option(
        names = "--channels",
        split = ",",
        description =
            "Channels the models read, comma-separated; 'no-temperatures' for the six that are"
                + " not temperatures (default: all eight).")
    List<String> channels;

    @Option(
        names = "--grid",
        paramLabel = "FILE",
        description =
            "Cross-folder selection: candidates one per line (name, then remove-level=, margin="
                + " and policy settings); each fold chooses on its folders' files only and reports"
                + " on the others (model-tools/skab/grid.txt).")
    Path grid;

    @Option(
        names = "--select-on",
        paramLabel = "FOLDER[,FOLDER...]",
        split = ",",
        description =
            "With --grid: the folders one fold chooses on (default: two folds, valve1 and"
                + " valve2,other).")
    List<String> selectOn;

    @Option(
        names = "--seeds",
        paramLabel = "SEED[,SEED...]",
        split = ",",
        description =
            "With --grid: train every file's models from each of these seeds and choose and report"
                + " on their runs pooled, each file counted once per seed (default: --seed alone).")
    List<Long> seeds;

    @Option(
        names = "--verbose",
        description =
            "Print each file's result as it is done; with --grid, every candidate's figures on"
                + " each fold's selection files.")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      TrainingOptions.Builder options = shape.builder();
      if (stdFloor != null) {
        options.stdFloor(stdFloor);
      }
      if (trainingStride != null) {
        options.trainingStride(trainingStride);
      }
      TrainingOptions trained = options.build();
      ModelKind modelKind = trained.kind();
      String threshold = policyOptions.threshold;
      // SKAB files have about 1,000 rows: SPOT and DSPOT calibrate on 300 scores here.
      Map<String, String> settings =
          policyOptions.settings(
              Map.of("spot", Map.of("initSize", "300"), "dspot", Map.of("initSize", "300")));
      NamedPolicy policy =
          settings.isEmpty() ? NamedPolicy.DEFAULT : PolicyLines.of("evaluation", settings);
      ThresholdCalibration d = ThresholdCalibration.DEFAULT;
      if (grid == null && selectOn != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--select-on needs --grid FILE, the candidates to choose among");
      }
      if (seeds != null && grid == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--seeds needs --grid FILE: it pools the grid's runs");
      }
      if (seeds != null && shape.seed != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give --seed or --seeds, not both");
      }
      if (seeds != null && (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--seeds " + seeds + ": give each seed once");
      }
      if (grid != null && !settings.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--grid takes its policies from the grid file; leave out --threshold, --threshold-param,"
                + " --warmup, --open and --close");
      }
      SkabEvaluation evaluation =
          new SkabEvaluation(
              trained,
              new ThresholdCalibration(
                  quantile == null ? d.quantile() : quantile, margin == null ? d.margin() : margin),
              policy.factory(),
              DetectionDefaults.gapFill(1000),
              channels(),
              Clock.systemUTC());
      if (grid != null) {
        return crossFolders(evaluation, trained, out);
      }
      String method = threshold == null ? "default policy" : threshold;
      String label =
          String.format(
              Locale.ROOT, "Vigil %s AE + %s", modelKind.id(), method.toLowerCase(Locale.ROOT));
      out.println(header(label, trained));
      out.flush();
      EvaluationResult result =
          evaluation.run(
              data,
              file -> {
                if (verbose) {
                  out.println(describe(file));
                  out.flush();
                }
              });
      SkabReport.lines(result, label).forEach(out::println);
      out.flush();
      return 0;
    }

    private int crossFolders(SkabEvaluation evaluation, TrainingOptions trained, PrintWriter out) {
      List<Long> trainingSeeds = seeds == null ? List.of(trained.seed()) : seeds;
      List<SkabCandidate> candidates = SkabFolds.readGrid(grid, trained.levelRemoval());
      List<List<String>> folds =
          selectOn == null ? SkabFolds.STANDARD : List.of(List.copyOf(selectOn));
      out.println(
          header(
              "cross-folder selection among "
                  + candidates.size()
                  + " candidates of "
                  + grid
                  + ", "
                  + trained.kind().id()
                  + (trainingSeeds.size() > 1 ? ", seeds " + trainingSeeds + " pooled" : ""),
              trained));
      out.flush();
      List<SkabFolds.Fold> results = new ArrayList<>();
      try (SkabGridRuns runs = new SkabGridRuns(evaluation, data, trainingSeeds)) {
        for (List<String> fold : folds) {
          results.add(SkabFolds.run(data, fold, candidates, runs));
        }
      }
      SkabReport.folds(results, trained.kind().id(), verbose).forEach(out::println);
      out.flush();
      return 0;
    }

    private String header(String what, TrainingOptions trained) {
      List<String> read = channels();
      return "vigil evaluate skab: "
          + what
          + ", W="
          + trained.window()
          + ", S="
          + trained.stride()
          + ", channels "
          + (read.isEmpty() ? "all" : read)
          + ", remove-level "
          + trained.levelRemoval().describe()
          + ", data "
          + data;
    }

    private List<String> channels() {
      if (channels == null) {
        return List.of();
      }
      return channels.size() == 1 && channels.get(0).equalsIgnoreCase("no-temperatures")
          ? SkabEvaluation.NON_TEMPERATURE_CHANNELS
          : channels;
    }

    private static String describe(FileResult file) {
      return String.format(
          Locale.ROOT,
          "  %-14s %s  threshold %.4g, %d epochs, %.1f s",
          file.name(),
          file.metrics().summary(),
          file.suggestedThreshold(),
          file.epochs(),
          file.trainingSeconds());
    }
  }
}
