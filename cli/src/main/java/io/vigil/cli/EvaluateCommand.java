package io.vigil.cli;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.backtest.PolicyLines;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.evaluate.EvaluationResult;
import io.vigil.model.evaluate.FileResult;
import io.vigil.model.evaluate.SkabEvaluation;
import io.vigil.model.evaluate.SkabReport;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
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
        "Defaults are those of vigil train, vigil backtest and the stream (the built-in policy);"
            + " every option changes one of them.",
        "The last line is 'skab F1=... FAR=...% MAR=...%'."
      })
  static final class Skab implements Callable<Integer> {
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
        description =
            "static, ewma, quantile, spot or dspot (default: the built-in policy's method, ewma);"
                + " static holds each model's suggested threshold.")
    String threshold;

    @Option(
        names = "--threshold-param",
        paramLabel = "NAME=VALUE",
        description =
            "A parameter of the threshold method, repeatable, e.g. --threshold-param k=4"
                + " (spot/dspot default initSize=300 here: a SKAB file has ~1,000 rows).")
    Map<String, String> thresholdParams = new LinkedHashMap<>();

    @Option(names = "--warmup", description = "Windows before anything may exceed (default 50).")
    Integer warmup;

    @Option(names = "--window", description = "W (default 32, as vigil train).")
    Integer window;

    @Option(names = "--stride", description = "S (default 4, at most W).")
    Integer stride;

    @Option(
        names = "--open",
        description = "m/n: an episode opens when m of the last n windows exceed (default 3/5).")
    String open;

    @Option(
        names = "--close",
        description = "Normal windows that close an episode (default 2 x ceil(W/S), at least 5).")
    Integer close;

    @Option(
        names = "--epochs",
        description = "Most epochs (default: the kind's, with early stopping).")
    Integer epochs;

    @Option(
        names = "--std-floor",
        description = "Scaler std at least this x |mean| (default 0, as vigil train).")
    Double stdFloor;

    @Option(
        names = "--threshold-quantile",
        description = "Calibration quantile (default 0.99, as vigil train).")
    Double quantile;

    @Option(
        names = "--threshold-margin",
        description = "Calibration margin (default 1.5, as vigil train).")
    Double margin;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--channels",
        split = ",",
        description =
            "Channels the models read, comma-separated; 'no-temperatures' for the six that are"
                + " not temperatures (default: all eight).")
    List<String> channels;

    @Option(names = "--verbose", description = "Print each file's result as it is done.")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelKind modelKind = ModelKind.parse(kind);
      TrainingOptions.Builder options = TrainingOptions.defaults(modelKind).toBuilder().seed(seed);
      if (window != null) {
        options.window(window);
        if (stride == null) {
          options.stride(Math.min(window, TrainingOptions.defaults(ModelKind.DENSE).stride()));
        }
      }
      if (stride != null) {
        options.stride(stride);
      }
      if (epochs != null) {
        options.epochs(epochs);
      }
      if (stdFloor != null) {
        options.stdFloor(stdFloor);
      }
      TrainingOptions trained = options.build();
      Map<String, String> settings = new LinkedHashMap<>();
      if (threshold != null) {
        settings.put("method", threshold);
        ThresholdMethod method = ThresholdMethod.parse(threshold);
        if (method == ThresholdMethod.SPOT || method == ThresholdMethod.DSPOT) {
          settings.put("initSize", "300");
        }
      }
      settings.putAll(thresholdParams);
      if (warmup != null) {
        settings.put("warmup", warmup.toString());
      }
      if (open != null) {
        settings.put("open", open);
      }
      if (close != null) {
        settings.put("close", close.toString());
      }
      NamedPolicy policy =
          settings.isEmpty() ? NamedPolicy.DEFAULT : PolicyLines.of("evaluation", settings);
      ThresholdCalibration d = ThresholdCalibration.DEFAULT;
      SkabEvaluation evaluation =
          new SkabEvaluation(
              trained,
              new ThresholdCalibration(
                  quantile == null ? d.quantile() : quantile, margin == null ? d.margin() : margin),
              policy.factory(),
              DetectionDefaults.gapFill(1000),
              channels(),
              Clock.systemUTC());
      String method = threshold == null ? "default policy" : threshold;
      String label =
          String.format(
              Locale.ROOT, "Vigil %s AE + %s", modelKind.id(), method.toLowerCase(Locale.ROOT));
      List<String> read = channels();
      out.println(
          "vigil evaluate skab: "
              + label
              + ", W="
              + trained.window()
              + ", S="
              + trained.stride()
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
