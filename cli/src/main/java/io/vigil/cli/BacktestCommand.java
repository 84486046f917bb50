package io.vigil.cli;

import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.model.backtest.Backtest;
import io.vigil.model.backtest.BacktestJob;
import io.vigil.model.backtest.BacktestReport;
import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.backtest.PolicyLines;
import io.vigil.model.backtest.TrainPart;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.TimeParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil backtest}. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs recorded data through the stream's own detection engine, offline: the same windows,"
          + " scores, thresholds and alert rule, the same built-in policy unless told otherwise.",
      "Without --model, trains the default model on the leading part of each device's rows and"
          + " replays everything; with labels (an 'anomaly' or 'label' column) it reports"
          + " precision, recall, F1, FAR, MAR and detection delays on the rows after that part.",
      "Writes windows.csv, events.jsonl, dead-letters.csv and, with labels, rows.csv under --out"
          + " (with --denoised and --embeddings also denoised.csv and embeddings.csv);"
          + " the last line starts with 'backtest '."
    })
final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataSourceOptions data;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "Directory for the output files.")
  Path out;

  @Option(names = "--model", description = "A Vigil contract ONNX model (default: train one).")
  Path model;

  @ArgGroup(exclusive = true)
  TrainPartOptions trainPart;

  static final class TrainPartOptions {
    @Option(names = "--train-rows", description = "Train on each device's first N rows.")
    Integer rows;

    @Option(
        names = "--train-fraction",
        description = "Train on each device's first share of rows (default 0.3).")
    Double fraction;

    @Option(names = "--train-until", description = "Train on rows before this time (ISO-8601).")
    String until;
  }

  @Mixin ModelShapeOptions shape;

  @Option(
      names = "--step",
      converter = DurationConverter.class,
      description =
          "Every device's sampling step, e.g. 1s or 5m (default: each device's median"
              + " interval).")
  Duration step;

  @Option(
      names = "--policy",
      description =
          "A file with one policy line (see the README), instead of the built-in default.")
  Path policyFile;

  @Mixin PolicyOptions policyOptions;

  @Option(
      names = "--grid",
      description = "A file of policy lines to compare with the first on the same scores.")
  Path grid;

  @Option(
      names = "--grid-policy",
      paramLabel = "LINE",
      description = "One more policy to compare, repeatable, e.g. --grid-policy 'ewma-k5 k=5'.")
  List<String> gridPolicies = new ArrayList<>();

  @Option(
      names = "--denoised",
      description =
          "Also write denoised.csv: the model's reconstruction of every frame a scored window"
              + " held, in raw units (the mean over the windows holding it).")
  boolean denoised;

  @Option(
      names = "--embeddings",
      description =
          "Also write embeddings.csv: the latent code of every scored window (the model needs a"
              + " 'latent' output).")
  boolean embeddings;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // Policies are checked before the data is read and a model trained: a bad one fails at once.
    List<NamedPolicy> policies = policies();
    Recording recording = data.read();
    out.printf(
        Locale.ROOT,
        "vigil backtest: %s, %d devices, %d rows, channels %s%n",
        recording.source(),
        recording.series().size(),
        recording.rows(),
        recording.channels());
    out.flush();
    BacktestJob job =
        new BacktestJob(
            model,
            trainPart(),
            shape.builder().build(),
            ThresholdCalibration.DEFAULT,
            step == null ? null : step.toMillis(),
            policies,
            new InferenceSettings(ExecutionProvider.CPU, 1, 256),
            Clock.systemUTC(),
            new ExtraOutputs(denoised, embeddings));
    Progress progress = new Progress(out, System.console() != null, recording.rows());
    BacktestReport report = job.run(recording, this.out, progress);
    progress.done();
    out.println("files: " + this.out.toAbsolutePath());
    report.lines().forEach(out::println);
    out.flush();
    return 0;
  }

  private TrainPart trainPart() {
    if (trainPart == null) {
      return TrainPart.defaults();
    }
    if (trainPart.rows != null) {
      return new TrainPart(trainPart.rows, 0, null);
    }
    if (trainPart.fraction != null) {
      return new TrainPart(0, trainPart.fraction, null);
    }
    return new TrainPart(0, 0, Instant.ofEpochMilli(TimeParser.parse(trainPart.until)));
  }

  /** The first policy (a file, the options, or the built-in default), then the grid's. */
  private List<NamedPolicy> policies() {
    Map<String, String> settings = policyOptions.settings(Map.of());
    List<NamedPolicy> policies = new ArrayList<>();
    if (policyFile != null) {
      if (!settings.isEmpty()) {
        throw new IllegalArgumentException(
            "--policy FILE and --threshold/--threshold-param/--warmup/--open/--close both set"
                + " the policy; give one of them");
      }
      List<NamedPolicy> read = PolicyLines.read(policyFile);
      if (read.size() != 1) {
        throw new IllegalArgumentException(
            policyFile + " holds " + read.size() + " policies; --policy takes one (use --grid)");
      }
      policies.add(read.get(0));
    } else if (settings.isEmpty()) {
      policies.add(NamedPolicy.DEFAULT);
    } else {
      policies.add(PolicyLines.of("options", settings));
    }
    if (grid != null) {
      policies.addAll(PolicyLines.read(grid));
    }
    for (String line : gridPolicies) {
      policies.add(PolicyLines.parse(line));
    }
    return policies;
  }

  /** A progress line on a terminal: rows replayed, windows, rate and ETA. */
  private static final class Progress implements Backtest.Observer {
    private final PrintWriter out;
    private final boolean terminal;
    private final long totalRows;
    private final long started = System.nanoTime();
    private long rowsOfDoneDevices;
    private long rows;
    private long windows;
    private long lastPrint;

    Progress(PrintWriter out, boolean terminal, long totalRows) {
      this.out = out;
      this.terminal = terminal;
      this.totalRows = totalRows;
    }

    @Override
    public void window(ScoredWindow window) {
      windows++;
    }

    @Override
    public void progress(String deviceId, int done, int deviceRows) {
      rows = rowsOfDoneDevices + done;
      if (done == deviceRows) {
        rowsOfDoneDevices += deviceRows;
      }
      long now = System.nanoTime();
      if (terminal && now - lastPrint > 250_000_000L) {
        lastPrint = now;
        double seconds = (now - started) / 1e9;
        double rate = rows / Math.max(seconds, 1e-9);
        out.printf(
            Locale.ROOT,
            "\r  %,d of %,d rows (%.0f%%), %,d windows, %,.0f rows/s, ETA %.0f s   ",
            rows,
            totalRows,
            100.0 * rows / Math.max(1, totalRows),
            windows,
            rate,
            (totalRows - rows) / Math.max(rate, 1e-9));
        out.flush();
      }
    }

    void done() {
      if (terminal) {
        out.println();
      }
    }
  }
}
