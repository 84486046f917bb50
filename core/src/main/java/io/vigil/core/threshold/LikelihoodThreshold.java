package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import java.util.OptionalDouble;

/**
 * Anomaly likelihood (after Ahmad et al., "Unsupervised real-time anomaly detection for streaming
 * data", Neurocomputing 2017): a window is anomalous when the mean of the last {@code shortWindow}
 * scores is improbably high under the longer-run distribution of that mean.
 *
 * <p>The long-run distribution is log-normal: the logarithm of the recent mean has a mean and
 * variance exponentially weighted over the recent means, with weight {@code 1 / longWindow} and the
 * start-up bias removed ({@link EwmaMoments}). Two choices let one setting serve very different
 * series. The spread of the recent mean is measured, not derived from the scores' spread under an
 * independence that overlapping windows do not have. And the logarithm makes the method independent
 * of the scores' scale (scores times c give the same verdicts) and fits skewed scores, whose means
 * are skewed too, better than a normal law: on 200,000 exponential scores at q = 1e-4 the normal
 * law of the mean exceeded at 18 times q, the log-normal at 0 to 0.1 times. A window exceeds when
 * the tail probability of its recent mean m falls below {@code q} (likelihood {@code 1 - q} or
 * more), i.e. when {@code ln m > mu + z_q * sd}. As a threshold on the next score x, with S the sum
 * of the {@code shortWindow - 1} scores before it: {@code x > shortWindow * exp(mu + z_q * sd) - S}
 * (never below 0), so a run of raised scores lowers the bar for the next one and the threshold line
 * moves with the recent scores.
 *
 * <p>Measured rates ({@code LikelihoodThresholdTest}, 200,000 scores, q = 1e-3): N(10, 1) 0.5 to
 * 0.8 times q, Exp(1) 0.1 to 0.25, an AR(1) of exponential noise 0.4 to 0.6; heavy tails are its
 * weak side: Pareto(3) scores exceed at about 10 times q (50 to 60 at q = 1e-4), because one huge
 * score lifts the recent mean for {@code shortWindow} windows. SPOT suits those.
 *
 * <p>It is ready once {@value #MIN_MEANS} recent means have been learned ({@code shortWindow + 29}
 * scores). It learns every score it is shown; the detector shows it only windows outside episodes,
 * and holds scores back for n windows first, so the recent mean it tests a window with is made of
 * the window's score and learned scores from before the hold-back.
 */
public final class LikelihoodThreshold implements AdaptiveThreshold {
  /** Recent means learned before the long-run variance is trusted. */
  static final int MIN_MEANS = 30;

  /** Recent means below this are taken as this before the logarithm. */
  static final double MIN_MEAN = 1e-12;

  private final double q;
  private final int shortWindow;
  private final int longWindow;
  private final double zq;
  private final double[] recent;
  private int recentStart;
  private int recentSize;
  private EwmaMoments longRun;
  private long observations;

  /**
   * Creates an empty threshold.
   *
   * @param q tail probability of the recent mean at which a window exceeds, in (0, 0.5)
   * @param shortWindow scores in the recent mean, >= 1
   * @param longWindow memory of the long-run distribution in recent means (weight 1 / longWindow),
   *     >= 2
   */
  public LikelihoodThreshold(double q, int shortWindow, int longWindow) {
    if (!(q > 0 && q < 0.5)) {
      throw new IllegalArgumentException("q is " + q + "; expected (0, 0.5)");
    }
    if (shortWindow < 1 || longWindow < 2) {
      throw new IllegalArgumentException(
          "shortWindow is "
              + shortWindow
              + " and longWindow "
              + longWindow
              + "; expected >= 1 and >= 2");
    }
    this.q = q;
    this.shortWindow = shortWindow;
    this.longWindow = longWindow;
    this.zq = NormalTail.inverseUpper(q);
    this.recent = new double[shortWindow];
    this.longRun = new EwmaMoments(1.0 / longWindow);
  }

  static LikelihoodThreshold create(ThresholdSpec spec) {
    return new LikelihoodThreshold(
        spec.parameter("q"), spec.intParameter("shortWindow"), spec.intParameter("longWindow"));
  }

  /**
   * Keeps the recent scores and the long-run moments when shortWindow is unchanged (a new
   * longWindow weighs the kept moments from now on, as EWMA's alpha does); returns null otherwise,
   * since the means learned were of another length.
   */
  LikelihoodThreshold retune(ThresholdSpec spec) {
    LikelihoodThreshold next = create(spec);
    if (next.shortWindow != shortWindow) {
      return null;
    }
    System.arraycopy(recent, 0, next.recent, 0, shortWindow);
    next.recentStart = recentStart;
    next.recentSize = recentSize;
    next.longRun =
        new EwmaMoments(1.0 / next.longWindow, longRun.count(), longRun.mean(), longRun.variance());
    next.observations = observations;
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.LIKELIHOOD;
  }

  @Override
  public boolean isReady() {
    return longRun.count() >= MIN_MEANS;
  }

  @Override
  public OptionalDouble current() {
    if (!isReady()) {
      return OptionalDouble.empty();
    }
    double limit = Math.exp(longRun.mean() + zq * Math.sqrt(longRun.predictiveVariance()));
    double before = sumOfNewest(shortWindow - 1);
    double score = shortWindow * limit - before;
    return OptionalDouble.of(Double.isFinite(score) ? Math.max(0, score) : limit);
  }

  /**
   * Returns the anomaly likelihood of the newest recent mean: one minus its tail probability under
   * the long-run distribution (which has learned it already).
   *
   * @return the likelihood in [0, 1], or empty while not ready
   */
  public OptionalDouble likelihood() {
    if (!isReady()) {
      return OptionalDouble.empty();
    }
    double sd = Math.sqrt(longRun.predictiveVariance());
    double recentLog = logMean();
    if (!(sd > 0)) {
      return OptionalDouble.of(recentLog > longRun.mean() ? 1 : 0.5);
    }
    return OptionalDouble.of(1 - NormalTail.upper((recentLog - longRun.mean()) / sd));
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    observations++;
    if (recentSize < shortWindow) {
      recent[(recentStart + recentSize) % shortWindow] = score;
      recentSize++;
    } else {
      recent[recentStart] = score;
      recentStart = (recentStart + 1) % shortWindow;
    }
    if (recentSize == shortWindow) {
      longRun.observe(logMean());
    }
  }

  /** The log of the recent mean, floored so that a run of zeros stays finite. */
  private double logMean() {
    return Math.log(Math.max(MIN_MEAN, sumOfNewest(shortWindow) / shortWindow));
  }

  /** Sums the newest {@code count} recent scores oldest first, so a restored copy sums alike. */
  private double sumOfNewest(int count) {
    int available = Math.min(count, recentSize);
    double sum = 0;
    for (int i = recentSize - available; i < recentSize; i++) {
      sum += recent[(recentStart + i) % shortWindow];
    }
    return sum;
  }

  @Override
  public long observations() {
    return observations;
  }

  @Override
  public byte[] toBytes() {
    double[] ordered = new double[recentSize];
    for (int i = 0; i < recentSize; i++) {
      ordered[i] = recent[(recentStart + i) % shortWindow];
    }
    return ThresholdCodec.start(method())
        .putDouble(q)
        .putInt(shortWindow)
        .putInt(longWindow)
        .putLong(observations)
        .putDoubles(ordered)
        .putLong(longRun.count())
        .putDouble(longRun.mean())
        .putDouble(longRun.variance())
        .toBytes();
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static LikelihoodThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.LIKELIHOOD);
    LikelihoodThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static LikelihoodThreshold read(StateReader in) {
    double q = in.getDouble("q");
    int shortWindow = in.getInt("shortWindow", 1, 1 << 24);
    int longWindow = in.getInt("longWindow", 2, Integer.MAX_VALUE);
    LikelihoodThreshold threshold;
    try {
      threshold = new LikelihoodThreshold(q, shortWindow, longWindow);
    } catch (IllegalArgumentException e) {
      throw in.invalid("parameters", e.getMessage());
    }
    threshold.observations = in.getLong("observations");
    double[] ordered = in.getDoubles("recent", shortWindow);
    System.arraycopy(ordered, 0, threshold.recent, 0, ordered.length);
    threshold.recentSize = ordered.length;
    threshold.longRun =
        new EwmaMoments(
            1.0 / longWindow, in.getLong("means"), in.getDouble("mean"), in.getDouble("variance"));
    return threshold;
  }

  @Override
  public String toString() {
    return "LikelihoodThreshold[q="
        + q
        + ", shortWindow="
        + shortWindow
        + ", longWindow="
        + longWindow
        + ", means="
        + longRun.count()
        + "]";
  }
}
