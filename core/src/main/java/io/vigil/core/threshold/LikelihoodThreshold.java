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
 * <p>Two rings of the last {@code shortWindow} scores: the learned ones ({@link #observe}) form the
 * recent means the long-run law learns from; the judged ones ({@link #judged}) form S, so the
 * recent mean a window is tested with is that of the scores just before it, whether or not they
 * were learned. The detector learns only windows outside episodes, and n windows late; had S come
 * from learned scores, it would have tested an anomaly's first windows against normal ones, and
 * during an episode, with learning stopped, against the raised scores that led up to it, so the
 * episode never closed. It is ready once {@value #MIN_MEANS} recent means have been learned ({@code
 * shortWindow + 29} scores).
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
  private ScoreRing learned;
  private ScoreRing judged;
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
    this.learned = new ScoreRing(shortWindow);
    this.judged = new ScoreRing(shortWindow);
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
    next.learned = learned.copy();
    next.judged = judged.copy();
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
    double score = shortWindow * limit - judged.sumOfNewest(shortWindow - 1);
    return OptionalDouble.of(Double.isFinite(score) ? Math.max(0, score) : limit);
  }

  /**
   * Returns the anomaly likelihood of the mean of the last {@code shortWindow} judged scores: one
   * minus its tail probability under the long-run distribution.
   *
   * @return the likelihood in [0, 1], or empty while not ready
   */
  public OptionalDouble likelihood() {
    if (!isReady()) {
      return OptionalDouble.empty();
    }
    double sd = Math.sqrt(longRun.predictiveVariance());
    double recentLog = logMean(judged);
    if (!(sd > 0)) {
      return OptionalDouble.of(recentLog > longRun.mean() ? 1 : 0.5);
    }
    return OptionalDouble.of(1 - NormalTail.upper((recentLog - longRun.mean()) / sd));
  }

  @Override
  public void judged(double score) {
    judged.push(AdaptiveThreshold.checkScore(score));
  }

  @Override
  public void observe(double score) {
    learned.push(AdaptiveThreshold.checkScore(score));
    observations++;
    if (learned.size() == shortWindow) {
      longRun.observe(logMean(learned));
    }
  }

  /** The log of a ring's mean, floored so that a run of zeros stays finite. */
  private double logMean(ScoreRing ring) {
    return Math.log(Math.max(MIN_MEAN, ring.sumOfNewest(shortWindow) / shortWindow));
  }

  @Override
  public long observations() {
    return observations;
  }

  @Override
  public byte[] toBytes() {
    return ThresholdCodec.start(method())
        .putDouble(q)
        .putInt(shortWindow)
        .putInt(longWindow)
        .putLong(observations)
        .putDoubles(learned.ordered())
        .putDoubles(judged.ordered())
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
    threshold.learned.fill(in.getDoubles("learned", shortWindow));
    threshold.judged.fill(in.getDoubles("judged", shortWindow));
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
