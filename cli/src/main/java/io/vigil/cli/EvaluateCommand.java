package io.vigil.cli;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.scoring.SeverityBands;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.evaluate.DetectionSettings;
import io.vigil.model.evaluate.EvaluationResult;
import io.vigil.model.evaluate.FileResult;
import io.vigil.model.evaluate.SkabEvaluation;
import io.vigil.model.evaluate.SkabReport;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
        "The last line is 'skab F1=... FAR=...% MAR=...%'."
      })
  static final class Skab implements Callable<Integer> {
    /** Window length used unless --window says otherwise: SKAB rows are one second apart. */
    static final int DEFAULT_WINDOW = 20;

    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "The SKAB data folder.")
    Path data;

    @Option(
        names = "--kind",
        defaultValue = "dense",
        description = "dense or lstm (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(
        names = "--threshold",
        defaultValue = "static",
        description =
            "static, ewma, quantile, spot or dspot (default: ${DEFAULT-VALUE}); static holds each"
                + " model's suggested threshold.")
    String threshold;

    @Option(
        names = "--threshold-param",
        paramLabel = "NAME=VALUE",
        description =
            "A parameter of the threshold method, repeatable, e.g. --threshold-param k=4"
                + " (spot/dspot default initSize=300 here: a SKAB file has ~1,000 windows).")
    Map<String, Double> thresholdParams = new HashMap<>();

    @Option(
        names = "--warmup",
        defaultValue = "0",
        description = "Windows before anything may exceed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--window",
        defaultValue = "" + DEFAULT_WINDOW,
        description = "W (default: ${DEFAULT-VALUE}); the stride is 1, one window per row.")
    int window;

    @Option(
        names = "--open",
        description =
            "m/n: an episode opens when m of the last n windows exceed (default W/W: every"
                + " window covering the first flagged row).")
    String open;

    @Option(
        names = "--close",
        defaultValue = "1",
        description = "Normal windows that close an episode (default: ${DEFAULT-VALUE}).")
    int close;

    @Option(
        names = "--epochs",
        description = "Most epochs (default: the kind's, with early stopping).")
    Integer epochs;

    @Option(
        names = "--std-floor",
        defaultValue = "0.015",
        description = "Scaler std at least this x |mean| (default: ${DEFAULT-VALUE}).")
    double stdFloor;

    @Option(
        names = "--threshold-quantile",
        defaultValue = "0.99",
        description = "Calibration quantile (default: ${DEFAULT-VALUE}).")
    double quantile;

    @Option(
        names = "--threshold-margin",
        defaultValue = "1.1",
        description = "Calibration margin (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--channels",
        split = ",",
        description =
            "Channels the models read, comma-separated, or 'all' for all eight (default: the six"
                + " that are not temperatures; see the README).")
    List<String> channels;

    @Option(names = "--verbose", description = "Print each file's result as it is done.")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelKind modelKind = ModelKind.parse(kind);
      TrainingOptions.Builder options =
          TrainingOptions.defaults(modelKind).toBuilder()
              .window(window)
              .stride(1)
              .batchSize(32)
              .stdFloor(stdFloor)
              .seed(seed);
      if (epochs != null) {
        options.epochs(epochs);
      }
      ThresholdMethod method = ThresholdMethod.parse(threshold);
      Map<String, Double> parameters = new HashMap<>(thresholdParams);
      if (method == ThresholdMethod.SPOT || method == ThresholdMethod.DSPOT) {
        parameters.putIfAbsent("initSize", 300.0);
      }
      int[] rule = openRule();
      DetectionSettings detection =
          new DetectionSettings(
              method,
              parameters,
              warmup,
              new AlertRule(rule[0], rule[1], close, 0, SeverityBands.DEFAULT, 3),
              new GapFillPolicy(2, 1000));
      SkabEvaluation evaluation =
          new SkabEvaluation(
              options.build(),
              new ThresholdCalibration(quantile, margin),
              detection,
              channels(),
              Clock.systemUTC());
      String label =
          String.format(
              Locale.ROOT,
              "Vigil %s AE + %s",
              modelKind.id(),
              method.name().toLowerCase(Locale.ROOT));
      List<String> read = channels();
      out.println(
          "vigil evaluate skab: "
              + label
              + ", W="
              + window
              + ", channels "
              + (read.isEmpty() ? "all" : read)
              + ", data "
              + data);
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

    private List<String> channels() {
      if (channels == null) {
        return SkabEvaluation.DEFAULT_CHANNELS;
      }
      return channels.size() == 1 && channels.get(0).equalsIgnoreCase("all") ? List.of() : channels;
    }

    private int[] openRule() {
      if (open == null) {
        return new int[] {window, window};
      }
      String[] parts = open.split("/");
      try {
        if (parts.length == 2) {
          return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        }
      } catch (NumberFormatException e) {
        // Reported below with what is expected.
      }
      throw new IllegalArgumentException(
          "--open '" + open + "' is invalid, expected m/n, e.g. 3/5");
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
