package io.vigil.model.backtest;

import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import io.vigil.model.evaluate.EpisodeDelay;
import io.vigil.model.evaluate.LabelledEpisode;
import io.vigil.model.evaluate.PointMetrics;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import io.vigil.model.train.TrainingListener;
import io.vigil.model.train.TrainingOptions;
import io.vigil.schemas.ModelRef;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code vigil backtest} without its command line: trains the default model on each device's
 * leading rows unless a model is given, runs the whole recording through the one detection engine
 * ({@link Backtest}) under one policy, writes the files ({@link BacktestFiles}) and measures the
 * result against the labels when the data has them.
 *
 * <p>Every device's rows are replayed from the first, training part included, as a stream that had
 * seen them would have: the detector warms up and its threshold adapts on them. Labelled metrics,
 * episodes per day and false episodes count only the rows after the training part (all rows when a
 * model is given).
 *
 * @param model a contract model to score with; null to train one
 * @param trainPart which leading rows train the model (ignored with a model)
 * @param training the training settings of that model
 * @param calibration how its suggested threshold is calibrated
 * @param stepMillis every device's sampling step; null to infer each device's (median interval)
 * @param policies the policies: the first is run by the engine and written to the files, the others
 *     judge the same scores ({@link PolicyTrials}) for the grid's comparison
 * @param inference the ONNX Runtime settings
 * @param clock the time written into a trained model's provenance
 * @param outputs the optional files: {@code denoised.csv} (reconstruction) and {@code
 *     embeddings.csv} (latent); null for neither
 */
public record BacktestJob(
    Path model,
    TrainPart trainPart,
    TrainingOptions training,
    ThresholdCalibration calibration,
    Long stepMillis,
    List<NamedPolicy> policies,
    InferenceSettings inference,
    Clock clock,
    ExtraOutputs outputs) {

  /** Checks the required parts. */
  public BacktestJob {
    Objects.requireNonNull(trainPart, "trainPart");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(calibration, "calibration");
    policies = List.copyOf(policies);
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("a backtest needs at least one policy");
    }
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(clock, "clock");
    outputs = outputs == null ? ExtraOutputs.NONE : outputs;
    if (stepMillis != null && stepMillis < 1) {
      throw new IllegalArgumentException("step = " + stepMillis + " ms, expected >= 1 ms");
    }
  }

  /**
   * Runs the backtest.
   *
   * @param recording the data
   * @param out the directory the files go to
   * @param observer also told about each window (a progress display), besides the files
   * @return the report
   */
  public BacktestReport run(Recording recording, Path out, Backtest.Observer observer) {
    long started = System.nanoTime();
    Map<String, Integer> trainRows = new LinkedHashMap<>();
    for (Series s : recording.series()) {
      trainRows.put(s.name(), model == null ? trainPart.leadingRows(s) : 0);
    }
    TrainedModel trained = model == null ? train(recording, trainRows) : null;
    try (OnnxModel onnx =
        trained != null
            ? OnnxModel.load(trained.bytes(), "trained by vigil backtest", inference)
            : OnnxModel.load(model, inference)) {
      ModelMetadata m = onnx.metadata();
      if (outputs.latent() && onnx.latentSize() == 0) {
        throw new IllegalArgumentException(
            "embeddings were asked for, but model "
                + onnx.source()
                + " has no 'latent' output [batch, L] (exported before Vigil had one, or by"
                + " another tool); export it again, or leave --embeddings out");
      }
      List<DetectionPolicy> chosen = new ArrayList<>();
      for (NamedPolicy p : policies) {
        chosen.add(p.factory().policy(m.suggestedThreshold(), m.window(), m.stride()));
      }
      PolicyTrials trials = new PolicyTrials(chosen.subList(1, chosen.size()));
      Map<String, Long> steps = new LinkedHashMap<>();
      for (Series s : recording.series()) {
        steps.put(s.name(), stepMillis != null ? stepMillis : Steps.median(s));
      }
      WindowSpec shape = spec(m, DetectionDefaults.STEP_MILLIS);
      Backtest.Result result;
      long detectStarted = System.nanoTime();
      try (BacktestFiles files =
              new BacktestFiles(out, m.features(), new ModelRef(m.modelId(), m.modelVersion()));
          OutputFiles extra = new OutputFiles(out, m.features(), onnx.latentSize(), outputs)) {
        result =
            Backtest.run(
                recording,
                shape,
                device -> spec(m, steps.get(device)),
                onnx.newScorer(),
                outputs,
                device -> chosen.get(0),
                new Tee(files, new Tee(extra, new Tee(trials, observer))));
        double detectSeconds = (System.nanoTime() - detectStarted) / 1e9;
        return report(
            recording,
            trainRows,
            steps,
            result,
            trials,
            files,
            out,
            m,
            chosen,
            started,
            detectSeconds);
      }
    } finally {
      if (trained != null) {
        trained.close();
      }
    }
  }

  private TrainedModel train(Recording recording, Map<String, Integer> trainRows) {
    List<Series> leading = new ArrayList<>();
    for (Series s : recording.series()) {
      int n = trainRows.get(s.name());
      if (n > 0) {
        leading.add(s.slice(0, n));
      }
    }
    if (leading.isEmpty()) {
      throw new IllegalArgumentException(
          "no rows to train on: " + trainPart.describe() + " is empty for every device");
    }
    return new TrainingPipeline(
            training,
            calibration,
            new ModelIdentity("backtest-" + training.kind().id(), "1"),
            clock)
        .run(new Recording(recording.source(), leading), TrainingListener.NONE);
  }

  private static WindowSpec spec(ModelMetadata m, long step) {
    return new WindowSpec(
        m.features(),
        m.window(),
        m.stride(),
        // The stream's default grace, capped where a long step makes it more than the spec allows.
        Math.min(
            DetectionDefaults.GRACE_MILLIS, (long) (WindowSpec.MAX_REORDER_FRAMES - 2) / 2 * step),
        DetectionDefaults.gapFill(step));
  }

  private BacktestReport report(
      Recording recording,
      Map<String, Integer> trainRows,
      Map<String, Long> steps,
      Backtest.Result result,
      PolicyTrials trials,
      BacktestFiles files,
      Path out,
      ModelMetadata m,
      List<DetectionPolicy> chosen,
      long started,
      double detectSeconds) {
    List<PolicyResult> results = new ArrayList<>();
    for (int p = 0; p < chosen.size(); p++) {
      List<Episode> episodes = p == 0 ? result.episodes() : trials.episodes(p - 1);
      results.add(evaluate(policies.get(p).name(), chosen.get(p), episodes, recording, trainRows));
    }
    List<BacktestReport.DeviceLine> lines = new ArrayList<>();
    boolean labelled = recording.series().stream().anyMatch(Series::isLabelled);
    try (BufferedWriter rows = labelled ? files.openRows() : null) {
      for (Series s : recording.series()) {
        int from = trainRows.get(s.name());
        List<Episode> own = own(result.episodes(), s);
        EpisodeRows marks = EpisodeRows.of(s, own);
        int labelledHere = 0;
        int detectedHere = 0;
        if (s.isLabelled()) {
          List<EpisodeDelay> mine =
              EpisodeDelay.of(
                  LabelledEpisode.find(labels(s), from, s.rows()), s.times(), marks.alarmed());
          labelledHere = mine.size();
          detectedHere = (int) mine.stream().filter(EpisodeDelay::detected).count();
          files.writeRows(s, marks, from, rows);
        }
        lines.add(
            new BacktestReport.DeviceLine(
                s.name(),
                s.rows(),
                steps.get(s.name()),
                stepMillis == null,
                from,
                own.size(),
                labelledHere,
                detectedHere));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(BacktestFiles.ROWS), e);
    }
    return new BacktestReport(
        m.modelId()
            + " v"
            + m.modelVersion()
            + " ("
            + m.kind()
            + ", W="
            + m.window()
            + ", S="
            + m.stride()
            + ", "
            + m.features().size()
            + " channels, "
            + (model != null ? model.toString() : "trained on " + trainPart.describe())
            + ")",
        lines,
        result.counts(),
        results,
        (System.nanoTime() - started) / 1e9,
        detectSeconds);
  }

  /** One policy's episodes against the test part and the labels. */
  private static PolicyResult evaluate(
      String name,
      DetectionPolicy policy,
      List<Episode> episodes,
      Recording recording,
      Map<String, Integer> trainRows) {
    boolean labelled = recording.series().stream().anyMatch(Series::isLabelled);
    PointMetrics metrics = labelled ? PointMetrics.EMPTY : null;
    List<EpisodeDelay> delays = new ArrayList<>();
    long falseEpisodes = 0;
    long testEpisodes = 0;
    long testEvents = 0;
    double testDays = 0;
    for (Series s : recording.series()) {
      int from = trainRows.get(s.name());
      List<Episode> own = own(episodes, s);
      if (from < s.rows()) {
        testDays += (s.time(s.rows() - 1) - s.time(from)) / 86_400_000.0;
      }
      long testStart = from < s.rows() ? s.time(from) : Long.MAX_VALUE;
      for (Episode e : own) {
        if (e.startTime() >= testStart) {
          testEpisodes++;
        }
        testEvents += e.events().stream().filter(x -> x.eventTime() >= testStart).count();
      }
      if (s.isLabelled()) {
        boolean[] labels = labels(s);
        EpisodeRows marks = EpisodeRows.of(s, own);
        metrics = metrics.plus(PointMetrics.of(marks.flagged(), labels, from, s.rows()));
        delays.addAll(
            EpisodeDelay.of(
                LabelledEpisode.find(labels, from, s.rows()), s.times(), marks.alarmed()));
        falseEpisodes += falseEpisodes(s, own, labels, testStart);
      }
    }
    return new PolicyResult(
        name, policy, episodes, testEvents, testEpisodes, testDays, metrics, delays, falseEpisodes);
  }

  private static List<Episode> own(List<Episode> episodes, Series s) {
    return episodes.stream().filter(e -> e.deviceId().equals(s.name())).toList();
  }

  private static boolean[] labels(Series s) {
    boolean[] labels = new boolean[s.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = s.label(i);
    }
    return labels;
  }

  /** Episodes starting in the test part whose rows hold no labelled row. */
  private static long falseEpisodes(
      Series s, List<Episode> episodes, boolean[] labels, long testStart) {
    long count = 0;
    for (Episode e : episodes) {
      if (e.startTime() < testStart) {
        continue;
      }
      boolean hit = false;
      for (int i = 0; i < s.rows() && !hit; i++) {
        long t = s.time(i);
        hit = labels[i] && t >= e.startTime() && t <= e.endTime();
      }
      if (!hit) {
        count++;
      }
    }
    return count;
  }

  /** Sends each window to the files and to the caller's observer. */
  private record Tee(Backtest.Observer first, Backtest.Observer second)
      implements Backtest.Observer {
    @Override
    public void window(ScoredWindow window) {
      first.window(window);
      second.window(window);
    }

    @Override
    public void deadLetter(String deviceId, long time, String reason, String message) {
      first.deadLetter(deviceId, time, reason, message);
      second.deadLetter(deviceId, time, reason, message);
    }

    @Override
    public void progress(String deviceId, int done, int rows) {
      first.progress(deviceId, done, rows);
      second.progress(deviceId, done, rows);
    }
  }
}
