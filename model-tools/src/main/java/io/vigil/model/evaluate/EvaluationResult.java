package io.vigil.model.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The evaluation of a labelled data set: per file, and the totals over every test row.
 *
 * @param files per-file results, in evaluation order
 */
public record EvaluationResult(List<FileResult> files) {

  /** Copies the list. */
  public EvaluationResult {
    files = List.copyOf(files);
  }

  /** Returns the counts over every test row of every file. */
  public PointMetrics total() {
    PointMetrics total = PointMetrics.EMPTY;
    for (FileResult file : files) {
      total = total.plus(file.metrics());
    }
    return total;
  }

  /** Returns every labelled episode's delay. */
  public List<EpisodeDelay> delays() {
    List<EpisodeDelay> delays = new ArrayList<>();
    files.forEach(file -> delays.addAll(file.delays()));
    return delays;
  }

  /** Returns the number of labelled episodes detected. */
  public long detectedEpisodes() {
    return delays().stream().filter(EpisodeDelay::detected).count();
  }

  /** Returns the mean delay of the detected episodes, in seconds. */
  public OptionalDouble meanDelaySeconds() {
    return delays().stream()
        .filter(EpisodeDelay::detected)
        .mapToDouble(d -> d.delayMillis().getAsLong() / 1000.0)
        .average();
  }

  /** Returns the median delay of the detected episodes, in seconds. */
  public OptionalDouble medianDelaySeconds() {
    return EpisodeDelay.medianSeconds(delays());
  }

  /** Returns the total training time, in seconds. */
  public double trainingSeconds() {
    return files.stream().mapToDouble(FileResult::trainingSeconds).sum();
  }
}
