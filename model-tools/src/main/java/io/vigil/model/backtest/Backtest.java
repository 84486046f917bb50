package io.vigil.model.backtest;

import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.engine.EngineCounts;
import io.vigil.core.engine.ExtraOutputs;
import io.vigil.core.engine.OfflineDetection;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowFailure;
import io.vigil.core.engine.WindowScorer;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.WindowRef;
import io.vigil.core.window.WindowSpec;
import io.vigil.model.data.Recording;
import io.vigil.model.data.Series;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs recorded data through the one detection engine, offline: every row of every device becomes a
 * frame, in time order per device; windows are cut, scored and judged exactly as the stream does
 * (the same {@link WindowSpec}, model and policy give the same scores and events). The caller sees
 * every judged window as it comes ({@link Observer}); the result keeps the episodes and the counts.
 */
public final class Backtest {

  /** What a caller may watch while the backtest runs; every method has a no-op default. */
  public interface Observer {
    /** Does nothing. */
    Observer NONE = new Observer() {};

    /**
     * One judged window.
     *
     * @param window the window, its scores and the verdict
     */
    default void window(ScoredWindow window) {}

    /**
     * A frame or window that became a dead letter in the stream: a late or duplicate frame, a value
     * out of float32's range, a window the model or detector failed on.
     *
     * @param deviceId the device
     * @param time the frame's time or the window's end
     * @param reason the stream's dead-letter reason
     * @param message what, where and why
     */
    default void deadLetter(String deviceId, long time, String reason, String message) {}

    /**
     * Progress through a device's rows: called every {@value #PROGRESS_ROWS} rows and after its
     * last.
     *
     * @param deviceId the device
     * @param done its rows offered so far
     * @param rows all its rows
     */
    default void progress(String deviceId, int done, int rows) {}

    /** Rows between two progress calls. */
    int PROGRESS_ROWS = 4096;
  }

  /**
   * What a backtest produced.
   *
   * @param counts frames, windows, skips, restarts, refusals and events, as the engine counted them
   * @param episodes every episode, by device in the recording's order and then by start
   */
  public record Result(EngineCounts counts, List<Episode> episodes) {

    /** Copies the episode list. */
    public Result {
      episodes = List.copyOf(episodes);
    }
  }

  private Backtest() {}

  /**
   * Runs a recording.
   *
   * @param recording the data, one series per device; it must hold the model's channels
   * @param spec the model's window shape with the grace and gap filling to use
   * @param scorer the model
   * @param policies the policy of each device
   * @param observer told about each window and dead letter as it comes
   * @return the episodes and counts
   */
  public static Result run(
      Recording recording,
      WindowSpec spec,
      WindowScorer scorer,
      Function<String, DetectionPolicy> policies,
      Observer observer) {
    return run(recording, spec, device -> spec, scorer, policies, observer);
  }

  /**
   * Runs a recording whose devices may differ in sampling step.
   *
   * @param recording the data, one series per device; it must hold the model's channels
   * @param shape the model's window shape (channels, W, S)
   * @param specs each device's spec: the shape with its step, grace and gap filling
   * @param scorer the model
   * @param policies the policy of each device
   * @param observer told about each window and dead letter as it comes
   * @return the episodes and counts
   */
  public static Result run(
      Recording recording,
      WindowSpec shape,
      Function<String, WindowSpec> specs,
      WindowScorer scorer,
      Function<String, DetectionPolicy> policies,
      Observer observer) {
    return run(recording, shape, specs, scorer, ExtraOutputs.NONE, policies, observer);
  }

  /**
   * Runs a recording, the observer's windows carrying the model's extra outputs.
   *
   * @param recording the data, one series per device; it must hold the model's channels
   * @param shape the model's window shape (channels, W, S)
   * @param specs each device's spec: the shape with its step, grace and gap filling
   * @param scorer the model
   * @param extras the reconstructions and latent codes each judged window carries
   * @param policies the policy of each device
   * @param observer told about each window and dead letter as it comes
   * @return the episodes and counts
   */
  public static Result run(
      Recording recording,
      WindowSpec shape,
      Function<String, WindowSpec> specs,
      WindowScorer scorer,
      ExtraOutputs extras,
      Function<String, DetectionPolicy> policies,
      Observer observer) {
    Objects.requireNonNull(observer, "observer");
    Collector collector = new Collector(observer);
    OfflineDetection detection =
        new OfflineDetection(shape, specs, scorer, extras, policies, collector);
    WindowSpec spec = shape;
    int f = spec.channels().size();
    for (Series series : recording.series()) {
      Series rows = series.select(spec.channels());
      String device = series.name();
      double[] values = new double[f];
      for (int i = 0; i < rows.rows(); i++) {
        String refusal = null;
        for (int k = 0; k < f; k++) {
          float v = rows.value(i, k);
          if (Float.isInfinite(v)) {
            refusal = "channel '" + spec.channels().get(k) + "' is " + v;
          }
          values[k] = v;
        }
        if (refusal == null && allMissing(series, i)) {
          // The stream refuses a frame that names no channel; so does its replay.
          detection.refused();
          observer.deadLetter(
              device,
              rows.time(i),
              "MALFORMED",
              "row " + (i + 1) + " of device '" + device + "' has no value in any channel");
          continue;
        }
        if (refusal != null) {
          detection.refused();
          observer.deadLetter(
              device,
              rows.time(i),
              "OUT_OF_RANGE",
              "row "
                  + (i + 1)
                  + " of device '"
                  + device
                  + "': "
                  + refusal
                  + "; expected a finite float32 value or an empty cell");
          continue;
        }
        detection.offer(device, rows.time(i), values);
        if ((i + 1) % Observer.PROGRESS_ROWS == 0) {
          observer.progress(device, i + 1, rows.rows());
        }
      }
      observer.progress(device, rows.rows(), rows.rows());
    }
    detection.finish();
    return new Result(detection.counts(), collector.episodes());
  }

  /** Whether row i has no value in any channel of the data (the model's or not). */
  private static boolean allMissing(Series series, int i) {
    for (int k = 0; k < series.channelCount(); k++) {
      if (!Float.isNaN(series.value(i, k))) {
        return false;
      }
    }
    return true;
  }

  /** Turns the engine's windows into episodes, per device. */
  private static final class Collector implements OfflineDetection.Listener {
    private final Observer observer;
    private final EpisodeCollector episodes = new EpisodeCollector();

    Collector(Observer observer) {
      this.observer = observer;
    }

    @Override
    public void window(ScoredWindow w) {
      episodes.accept(w);
      observer.window(w);
    }

    @Override
    public void failed(String deviceId, WindowRef window, WindowFailure failure, String message) {
      observer.deadLetter(deviceId, window.endTime(), failure.deadLetterReason(), message);
    }

    @Override
    public void refused(String deviceId, FrameOutcome outcome) {
      if (outcome instanceof FrameOutcome.Late late) {
        observer.deadLetter(deviceId, late.time(), "LATE", late.message());
      } else if (outcome instanceof FrameOutcome.Duplicate duplicate) {
        observer.deadLetter(deviceId, duplicate.time(), "DUPLICATE", duplicate.message());
      }
    }

    List<Episode> episodes() {
      return episodes.episodes();
    }
  }
}
