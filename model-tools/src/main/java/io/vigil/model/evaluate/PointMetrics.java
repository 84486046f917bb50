package io.vigil.model.evaluate;

import java.util.Locale;

/**
 * Point-wise confusion counts of row predictions against labels, and the rates SKAB reports: F1,
 * FAR (false alarm rate: share of normal rows flagged) and MAR (missed alarm rate: share of
 * anomalous rows not flagged).
 *
 * @param truePositives anomalous rows flagged
 * @param falsePositives normal rows flagged
 * @param trueNegatives normal rows not flagged
 * @param falseNegatives anomalous rows not flagged
 */
public record PointMetrics(
    long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

  /** No rows. */
  public static final PointMetrics EMPTY = new PointMetrics(0, 0, 0, 0);

  /**
   * Counts predictions against labels.
   *
   * @param predicted flagged rows
   * @param labels anomalous rows
   * @param from the first row counted
   * @param to one past the last row counted
   * @return the counts
   */
  public static PointMetrics of(boolean[] predicted, boolean[] labels, int from, int to) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = from; i < to; i++) {
      if (labels[i]) {
        if (predicted[i]) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted[i]) {
        fp++;
      } else {
        tn++;
      }
    }
    return new PointMetrics(tp, fp, tn, fn);
  }

  /** Returns the counts of both. */
  public PointMetrics plus(PointMetrics other) {
    return new PointMetrics(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        trueNegatives + other.trueNegatives,
        falseNegatives + other.falseNegatives);
  }

  /** Returns the rows counted. */
  public long rows() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  /** Returns TP / (TP + FP), 0 when nothing was flagged. */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Returns TP / (TP + FN), 0 without anomalous rows. */
  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** Returns 2TP / (2TP + FP + FN), 0 when there is nothing to find or flag. */
  public double f1() {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  }

  /** Returns FP / (FP + TN): the false alarm rate. */
  public double falseAlarmRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  /** Returns FN / (FN + TP): the missed alarm rate. */
  public double missedAlarmRate() {
    return ratio(falseNegatives, falseNegatives + truePositives);
  }

  /** Returns SKAB's line form, e.g. {@code F1=0.812 FAR=11.20% MAR=24.05%}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "F1=%.3f FAR=%.2f%% MAR=%.2f%%",
        f1(),
        100 * falseAlarmRate(),
        100 * missedAlarmRate());
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
