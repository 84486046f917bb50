package io.vigil.model.evaluate;

import java.util.List;

/**
 * SKAB's published "outlier detection" leaderboard (test part only), as given in the data set's
 * SOURCE.md, for printing beside a result.
 */
public final class Leaderboard {
  /**
   * One published row.
   *
   * @param algorithm the algorithm's name
   * @param f1 its F1
   * @param farPercent its false alarm rate, %
   * @param marPercent its missed alarm rate, %
   */
  public record Entry(String algorithm, double f1, double farPercent, double marPercent) {}

  /** The published rows, best F1 first. */
  public static final List<Entry> SKAB =
      List.of(
          new Entry("Conv-AE", 0.78, 13.55, 28.02),
          new Entry("MSET", 0.78, 39.73, 14.13),
          new Entry("T-squared+Q (PCA)", 0.76, 26.62, 24.92),
          new Entry("LSTM-AE", 0.74, 29.96, 25.92),
          new Entry("T-squared", 0.66, 19.21, 42.60),
          new Entry("LSTM-VAE", 0.56, 9.13, 55.03),
          new Entry("Vanilla LSTM", 0.54, 12.54, 59.53),
          new Entry("Vanilla AE", 0.39, 2.59, 75.15),
          new Entry("MSCRED", 0.36, 49.94, 69.88),
          new Entry("Isolation forest", 0.29, 2.56, 82.89));

  /** The best published autoencoder: the goal is F1 >= 0.80 with FAR <= 13 %. */
  public static final Entry BEST_AUTOENCODER = SKAB.get(0);

  private Leaderboard() {}
}
