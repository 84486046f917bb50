package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.Arrays;

/**
 * The streaming tail model shared by SPOT and DSPOT (Siffer et al. 2017): initial threshold t, the
 * excesses over it ("peaks"), the GPD fitted to them and the extreme quantile z_q.
 *
 * <p>An alarm (a value above z_q) is kept as a right-censored excess: what is learned is only that
 * its excess was above {@code z_q - t}, so its size, which may be an anomaly's, does not enter the
 * fit, yet the fit still knows that the tail reached that far. The paper leaves alarms out
 * altogether, which truncates the kept excesses at z_q: the fitted tail comes out too light, z_q
 * too low, more values alarm and are left out, and on stationary series the alarm rate settled at 2
 * to 7 times q (measured on {@link SpotThreshold}). Alarms also count in n and in the number of
 * peaks. In the ring and the stored state a censored excess is its bound with the sign flipped
 * (exact excesses are positive); states written before censoring hold only positive excesses and
 * read back unchanged.
 *
 * <p>Memory is bounded by keeping only the most recent {@code maxPeaks} excesses in a ring; the fit
 * uses those, oldest first. The counts in the ratio {@code n / N_t} of the quantile formula are
 * all-time counts, so the estimated excess probability does not shift when old peaks are dropped;
 * only the shape and scale follow the recent tail.
 */
final class PeaksOverThreshold {
  /** What one streaming value turned out to be. */
  enum Verdict {
    /** Above z_q: an alarm; learned as an excess censored at z_q - t. */
    ALARM,
    /** In (t, z_q]: a new peak; the tail was refitted. */
    PEAK,
    /** At most t: only the count of scores grew. */
    NORMAL
  }

  /**
   * Every this many peaks the tail is refitted by the full grid search; in between, {@link
   * GpdFitter#refit} starts from the previous fit, which costs about a tenth as much. The choice
   * depends only on the stored peak count, so a restored state refits as the original would have.
   */
  static final int FULL_SEARCH_EVERY = 32;

  private final double q;
  private final double t;
  private final ScoreRing peaks;
  private long peakCount;
  private long n;
  private GpdFit fit;
  private double z;

  private PeaksOverThreshold(double q, double t, int maxPeaks) {
    this.q = q;
    this.t = t;
    this.peaks = new ScoreRing(maxPeaks);
  }

  /**
   * Index of the empirical quantile used as t in sorted calibration data, as in Siffer's code:
   * {@code sorted[floor(level * size)]}, capped at the last element.
   */
  static int quantileIndex(int size, double level) {
    return Math.min(size - 1, (int) Math.floor(level * size));
  }

  /**
   * Calibrates on the initial values: t = their empirical level-quantile, peaks = values above t
   * minus t (in arrival order), n = their number; then fits and computes z_q.
   */
  static PeaksOverThreshold calibrate(double[] values, double q, double level, int maxPeaks) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double t = sorted[quantileIndex(sorted.length, level)];
    PeaksOverThreshold pot = new PeaksOverThreshold(q, t, maxPeaks);
    for (double value : values) {
      if (value > t) {
        pot.push(value - t);
      }
    }
    pot.n = values.length;
    pot.refit(true);
    return pot;
  }

  /** Applies the streaming rule of SPOT to one value. */
  Verdict observe(double value) {
    n++;
    if (value > z) {
      double bound = z - t;
      if (bound > 0) {
        push(-bound);
      } else {
        // z_q = t: an excess of unknown size with no bound to learn; it only counts.
        peakCount++;
      }
      refit(peakCount % FULL_SEARCH_EVERY == 0);
      return Verdict.ALARM;
    }
    if (value > t) {
      push(value - t);
      refit(peakCount % FULL_SEARCH_EVERY == 0);
      return Verdict.PEAK;
    }
    return Verdict.NORMAL;
  }

  /**
   * Returns a copy under a new risk and peak bound: keeps t, the counts and the most recent peaks,
   * and refits when peaks were dropped.
   */
  PeaksOverThreshold retune(double newQ, int maxPeaks) {
    PeaksOverThreshold next = new PeaksOverThreshold(newQ, t, maxPeaks);
    // A ring of the new bound keeps the newest peaks that fit.
    next.peaks.fill(peaks.ordered());
    boolean dropped = next.peaks.size() < peaks.size();
    next.peakCount = peakCount;
    next.n = n;
    next.fit = fit;
    if (dropped) {
      next.refit(true);
    } else {
      next.z = fit.quantile(t, newQ, n, peakCount);
    }
    return next;
  }

  double z() {
    return z;
  }

  TailSummary summary() {
    return new TailSummary(t, fit, z, n, peakCount, peaks.size());
  }

  double t() {
    return t;
  }

  GpdFit fit() {
    return fit;
  }

  long n() {
    return n;
  }

  long peakCount() {
    return peakCount;
  }

  int keptPeaks() {
    return peaks.size();
  }

  private void push(double excess) {
    peaks.push(excess);
    peakCount++;
  }

  /** Refits the tail: by the full search, or starting from the current fit. */
  private void refit(boolean fullSearch) {
    double[] exact = new double[peaks.size()];
    double[] censored = new double[peaks.size()];
    int exactCount = 0;
    int censoredCount = 0;
    for (double excess : peaks.ordered()) {
      if (excess > 0) {
        exact[exactCount++] = excess;
      } else {
        censored[censoredCount++] = -excess;
      }
    }
    fit =
        fullSearch
            ? GpdFitter.fitCensored(exact, exactCount, censored, censoredCount)
            : GpdFitter.refit(exact, exactCount, censored, censoredCount, fit);
    z = fit.quantile(t, q, n, peakCount);
  }

  void write(StateWriter out) {
    out.putDouble(q)
        .putDouble(t)
        .putInt(peaks.capacity())
        .putLong(peakCount)
        .putLong(n)
        .putDoubles(peaks.ordered())
        .putDouble(fit.gamma())
        .putDouble(fit.sigma())
        .putByte(fit.method().ordinal())
        .putDouble(z);
  }

  static PeaksOverThreshold read(StateReader in) {
    double q = in.getDouble("q");
    double t = in.getDouble("t");
    int maxPeaks = in.getInt("maxPeaks", 1, 1 << 24);
    PeaksOverThreshold pot = new PeaksOverThreshold(q, t, maxPeaks);
    long peakCount = in.getLong("peakCount");
    long n = in.getLong("n");
    double[] kept = in.getDoubles("peaks", maxPeaks);
    for (double excess : kept) {
      pot.push(excess);
    }
    if (peakCount < kept.length || n < peakCount) {
      throw in.invalid(
          "peakCount",
          "is "
              + peakCount
              + " with "
              + kept.length
              + " kept peaks and n = "
              + n
              + ", inconsistent");
    }
    pot.peakCount = peakCount;
    pot.n = n;
    double gamma = in.getDouble("gamma");
    double sigma = in.getDouble("sigma");
    int method = in.getByte("fit method");
    if (method < 0 || method >= GpdFit.Method.values().length) {
      throw in.invalid("fit method", "has unknown code " + method);
    }
    pot.fit = new GpdFit(gamma, sigma, GpdFit.Method.values()[method]);
    pot.z = in.getDouble("z");
    return pot;
  }
}
