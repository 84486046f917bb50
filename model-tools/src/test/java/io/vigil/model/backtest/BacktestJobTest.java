package io.vigil.model.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import io.vigil.model.train.ModelKind;
import io.vigil.model.train.TrainingOptions;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.mapping.AvroJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil backtest} without its command line: a real model trained on the leading rows,
 * exported to ONNX and scored by ONNX Runtime through the one detection engine.
 */
class BacktestJobTest {
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private static BacktestJob job(int epochs) {
    return job(epochs, List.of(NamedPolicy.DEFAULT));
  }

  private static BacktestJob job(int epochs, List<NamedPolicy> policies) {
    return job(epochs, policies, ExtraOutputs.NONE);
  }

  private static BacktestJob job(int epochs, List<NamedPolicy> policies, ExtraOutputs outputs) {
    return new BacktestJob(
        null,
        TrainPart.defaults(),
        TrainingOptions.defaults(ModelKind.DENSE).toBuilder()
            .window(8)
            .stride(2)
            .hidden(List.of(8))
            .latent(2)
            .epochs(epochs)
            .seed(7)
            .build(),
        ThresholdCalibration.DEFAULT,
        null,
        policies,
        new InferenceSettings(ExecutionProvider.CPU, 1, 64),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
        outputs);
  }

  /** A univariate series at one-second steps; {@code value(i)} gives row i. */
  private static Series univariate(String name, int rows, IntToDoubleFunction v) {
    long[] times = new long[rows];
    float[] values = new float[rows];
    for (int i = 0; i < rows; i++) {
      times[i] = T0 + 1000L * i;
      values[i] = (float) v.applyAsDouble(i);
    }
    return new Series(name, List.of("value"), times, values, null);
  }

  @Test
  void aConstantSeriesTrainsAndOnlyTheDeviceWhoseLineMovesRaisesAnEpisode() {
    // Both devices are flat at 5 during training (the first 30 %: rows 0-599); one steps to 6 for
    // a minute at row 1500. Training on flat lines used to fail in DJL on all-zero gradients.
    Series flat = univariate("flat", 2000, i -> 5.0);
    Series moves = univariate("moves", 2000, i -> i >= 1500 && i < 1560 ? 6.0 : 5.0);
    BacktestReport report =
        job(3)
            .run(
                new Recording("test", List.of(flat, moves)),
                dir.resolve("out"),
                Backtest.Observer.NONE);

    assertThat(report.episodes()).extracting(Episode::deviceId).containsOnly("moves");
    Episode episode = report.episodes().get(0);
    assertThat(episode.startTime()).isBetween(T0 + 1500_000L, T0 + 1560_000L);
    assertThat(episode.alarmTime()).isLessThan(T0 + 1520_000L);
  }

  @Test
  void pausesDuplicatesAndRestartsAreCountedAndEveryFrameIsAccountedFor() throws IOException {
    // 3000 rows at one-second steps, with two pauses longer than the 3 steps carrying covers and
    // five rows repeating the previous row's time.
    List<Long> times = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 3000; i++) {
      times.add(t);
      if (i % 700 == 0 && i > 0) {
        times.add(t); // a duplicate time
      }
      t += i == 1000 || i == 2000 ? 60_000 : 1000;
    }
    Random random = new Random(5);
    long[] at = times.stream().mapToLong(Long::longValue).toArray();
    float[] values = new float[at.length];
    for (int i = 0; i < at.length; i++) {
      values[i] = (float) (Math.sin(i / 20.0) + 0.05 * random.nextGaussian());
    }
    Series series = new Series("gappy", List.of("value"), at, values, null);
    BacktestReport report =
        job(3)
            .run(
                new Recording("test", List.of(series)), dir.resolve("out"), Backtest.Observer.NONE);

    assertThat(report.counts().frames()).isEqualTo(at.length);
    assertThat(report.counts().restarts()).isEqualTo(2);
    // Each duplicate time was merged with the buffered row of that time, or refused: counted.
    assertThat(report.counts().merged() + report.counts().duplicates()).isEqualTo(4);
    assertThat(report.backtestLine()).contains("restarts=2", "duplicates=4");
    assertThat(report.devices().get(0).stepMillis()).isEqualTo(1000);
    List<String> windows = Files.readAllLines(dir.resolve("out").resolve(BacktestFiles.WINDOWS));
    assertThat(windows).hasSize(1 + (int) report.counts().windowsScored());
  }

  @Test
  void denoisedAndEmbeddingsFilesHoldEveryWindowedFrameAndEveryWindow() throws IOException {
    Series wave = univariate("wave", 1200, i -> 5.0 + Math.sin(i / 9.0));
    List<ScoredWindow> seen = new ArrayList<>();
    Path out = dir.resolve("extras");
    BacktestReport report =
        job(2, List.of(NamedPolicy.DEFAULT), new ExtraOutputs(true, true))
            .run(
                new Recording("test", List.of(wave)),
                out,
                new Backtest.Observer() {
                  @Override
                  public void window(ScoredWindow w) {
                    seen.add(w);
                  }
                });

    int windows = (int) report.counts().windowsScored();
    assertThat(seen).hasSize(windows);
    List<String> codes = Files.readAllLines(out.resolve(OutputFiles.EMBEDDINGS));
    assertThat(codes.get(0)).isEqualTo("device,window_start,window_end,z0,z1");
    assertThat(codes).hasSize(1 + windows);
    ScoredWindow first = seen.get(0);
    assertThat(codes.get(1))
        .isEqualTo(
            "wave,"
                + Instant.ofEpochMilli(first.startTime())
                + ","
                + Instant.ofEpochMilli(first.endTime())
                + ","
                + BacktestFiles.number(first.latent()[0])
                + ","
                + BacktestFiles.number(first.latent()[1]));
    // W=8, S=2 and no gaps: the frames from the first window's start to the last one's end, an
    // inner frame averaged over the W/S = 4 windows that hold it.
    List<String> denoised = Files.readAllLines(out.resolve(OutputFiles.DENOISED));
    assertThat(denoised.get(0)).isEqualTo("device,time,value,windows");
    assertThat(denoised).hasSize(1 + (windows - 1) * 2 + 8);
    assertThat(denoised.get(1)).endsWith(",1");
    long frame = seen.get(3).startTime();
    double sum = 0;
    int holding = 0;
    for (ScoredWindow w : seen) {
      for (int t = 0; t < w.frameTimes().length; t++) {
        if (w.frameTimes()[t] == frame) {
          sum += w.reconstruction()[t];
          holding++;
        }
      }
    }
    assertThat(holding).isEqualTo(4);
    assertThat(denoised)
        .contains(
            "wave," + Instant.ofEpochMilli(frame) + "," + BacktestFiles.number(sum / 4) + ",4");
  }

  @Test
  void withoutTheOptionsNeitherOptionalFileIsWritten() {
    Path out = dir.resolve("plain");
    job(1)
        .run(
            new Recording("test", List.of(univariate("wave", 700, i -> Math.sin(i / 9.0)))),
            out,
            Backtest.Observer.NONE);

    assertThat(out.resolve(BacktestFiles.WINDOWS)).exists();
    assertThat(out.resolve(OutputFiles.DENOISED)).doesNotExist();
    assertThat(out.resolve(OutputFiles.EMBEDDINGS)).doesNotExist();
  }

  @Test
  void aLabelledRunWritesItsFilesAndMeasuresAgainstTheLabels() throws IOException {
    // Two noisy sines; on device "b" channel x jumps by 6 for 40 rows twice in the test part.
    Random random = new Random(11);
    List<Series> devices = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      int rows = 3000;
      long[] times = new long[rows];
      float[] values = new float[rows * 2];
      boolean[] labels = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        times[i] = T0 + 1000L * i;
        labels[i] = name.equals("b") && ((i >= 1500 && i < 1540) || (i >= 2400 && i < 2440));
        double wave = Math.sin(i / 15.0);
        values[2 * i] = (float) (wave + 0.05 * random.nextGaussian() + (labels[i] ? 6 : 0));
        values[2 * i + 1] = (float) (2 * wave + 0.05 * random.nextGaussian());
      }
      devices.add(new Series(name, List.of("x", "y"), times, values, labels));
    }
    Path out = dir.resolve("labelled");
    BacktestReport report =
        job(10).run(new Recording("test", devices), out, Backtest.Observer.NONE);

    assertThat(report.main().delays()).hasSize(2);
    assertThat(report.main().delays()).allMatch(d -> d.detected());
    assertThat(report.main().labelled().recall()).isGreaterThan(0.5);
    assertThat(report.backtestLine())
        .startsWith("backtest frames=6000 ")
        .contains("precision=", "recall=", "F1=", "FAR=", "MAR=", "delay_median_s=");
    // events.jsonl holds every event as the stream would publish it, in Avro JSON.
    List<AnomalyEvent> events = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(BacktestFiles.EVENTS))) {
      events.add(AvroJson.decode(line, AnomalyEvent.class));
    }
    long opens = report.counts().events(EpisodeEventKind.OPEN);
    assertThat(opens).isEqualTo(report.episodes().size());
    assertThat(events)
        .hasSize(
            (int)
                (opens
                    + report.counts().events(EpisodeEventKind.UPDATE)
                    + report.counts().events(EpisodeEventKind.CLOSE)));
    assertThat(events.get(0).getModel().getId()).isEqualTo("backtest-dense");
    assertThat(events.get(0).getPolicy().getId()).isEqualTo("built-in-default");
    // rows.csv: one row per input row, with its label.
    List<String> rows = Files.readAllLines(out.resolve(BacktestFiles.ROWS));
    assertThat(rows).hasSize(1 + 6000);
    assertThat(rows.stream().filter(r -> r.contains(",b,1,")).count()).isEqualTo(80);
  }

  @Test
  void aGridJudgesTheSameScoresAgainUnderEachPolicy() {
    Series moves =
        univariate(
            "moves", 2000, i -> 5.0 + 0.1 * Math.sin(i / 7.0) + (i >= 1500 && i < 1560 ? 3 : 0));
    List<NamedPolicy> policies =
        List.of(
            NamedPolicy.DEFAULT,
            PolicyLines.parse("same-as-default"),
            PolicyLines.parse("never open=1000/1000"),
            PolicyLines.parse("static method=static"));
    BacktestReport report =
        job(3, policies)
            .run(
                new Recording("test", List.of(moves)), dir.resolve("grid"), Backtest.Observer.NONE);

    List<PolicyResult> results = report.results();
    assertThat(results)
        .extracting(PolicyResult::name)
        .containsExactly("default", "same-as-default", "never", "static");
    // Judged again from the same scores, the default's twin raises the very same episodes.
    assertThat(results.get(1).episodes())
        .extracting(Episode::startTime, Episode::endTime, Episode::alarmTime)
        .containsExactlyElementsOf(
            results.get(0).episodes().stream()
                .map(e -> tuple(e.startTime(), e.endTime(), e.alarmTime()))
                .toList());
    assertThat(results.get(0).episodes()).isNotEmpty();
    assertThat(results.get(2).episodes()).isEmpty();
    assertThat(results.get(3).policy().threshold().parameters()).containsKey("value");
    assertThat(report.lines()).anyMatch(l -> l.startsWith("policy grid"));
  }
}
