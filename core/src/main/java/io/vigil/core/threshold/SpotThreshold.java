package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Streaming peaks-over-threshold (SPOT) after Siffer et al., "Anomaly Detection in Streams with
 * Extreme Value Theory", KDD 2017.
 *
 * <p>The first {@code initSize} scores calibrate: t is their empirical {@code level}-quantile, the
 * excesses over t are fitted with a generalised Pareto distribution ({@link GpdFitter}) and the
 * threshold is the extreme quantile {@code z_q} with risk {@code q} ({@link GpdFit#quantile}). It
 * is not {@link #isReady() ready} before that. Afterwards each score above z_q is an alarm, learned
 * only as an excess censored at {@code z_q - t} ({@link PeaksOverThreshold}); a score in (t, z_q]
 * adds a peak; both refit; any other score only counts. At most {@code maxPeaks} excesses are kept
 * (the most recent), and the calibration buffer is released once used, so memory is bounded by
 * {@code max(initSize, maxPeaks)} doubles.
 *
 * <p>The paper's streaming rule leaves alarms out of the fit altogether. The excesses kept are then
 * truncated at z_q, which pulls the fitted shape down, which lowers z_q, which truncates more: on
 * stationary series with the defaults (level 0.98, initSize 1000, maxPeaks 2000), over 200,000
 * scores, the alarm rate was 1.9 to 7.4 times q = 1e-4 and 2.9 to 4.1 times q = 1e-3 on Exp(1) and
 * Pareto(3) scores (three seeds each). With alarms as censored excesses it is 0.8 to 1.2 times q in
 * the same runs ({@code PotAlarmRateTest}), and an anomaly's size still never enters the fit.
 */
public final class SpotThreshold implements AdaptiveThreshold {
  private final double q;
  private final double level;
  private final int initSize;
  private final int maxPeaks;
  private double[] calibration;
  private int calibrated;
  private PeaksOverThreshold tail;
  private long observations;

  /**
   * Creates an uncalibrated threshold.
   *
   * @param q risk, in (0, 1 - level)
   * @param level quantile used as t, in [0.5, 1)
   * @param initSize calibration scores, >= 2
   * @param maxPeaks excesses kept, >= 1
   */
  public SpotThreshold(double q, double level, int initSize, int maxPeaks) {
    checkPotParameters(q, level, initSize, maxPeaks);
    this.q = q;
    this.level = level;
    this.initSize = initSize;
    this.maxPeaks = maxPeaks;
    this.calibration = new double[initSize];
  }

  static void checkPotParameters(double q, double level, int initSize, int maxPeaks) {
    if (!(level >= 0.5 && level < 1)) {
      throw new IllegalArgumentException("level is " + level + "; expected [0.5, 1)");
    }
    if (!(q > 0 && q < 1 - level)) {
      throw new IllegalArgumentException("q is " + q + "; expected (0, 1 - level)");
    }
    if (initSize < 2 || maxPeaks < 1) {
      throw new IllegalArgumentException(
          "initSize is " + initSize + " and maxPeaks " + maxPeaks + "; expected >= 2 and >= 1");
    }
  }

  static SpotThreshold create(ThresholdSpec spec) {
    return new SpotThreshold(
        spec.parameter("q"),
        spec.parameter("level"),
        spec.intParameter("initSize"),
        spec.intParameter("maxPeaks"));
  }

  /**
   * Keeps the state when level and initSize are unchanged (t and the calibration keep their
   * meaning); a new q or maxPeaks applies to the kept tail. Returns null otherwise.
   */
  SpotThreshold retune(ThresholdSpec spec) {
    SpotThreshold next = create(spec);
    if (next.level != level || next.initSize != initSize) {
      return null;
    }
    next.observations = observations;
    next.calibrated = calibrated;
    if (tail == null) {
      next.calibration = calibration.clone();
    } else {
      next.calibration = null;
      next.tail = tail.retune(next.q, next.maxPeaks);
    }
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.SPOT;
  }

  @Override
  public boolean isReady() {
    return tail != null;
  }

  @Override
  public OptionalDouble current() {
    return tail == null ? OptionalDouble.empty() : OptionalDouble.of(tail.z());
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    observations++;
    if (tail == null) {
      calibration[calibrated++] = score;
      if (calibrated == initSize) {
        tail = PeaksOverThreshold.calibrate(calibration, q, level, maxPeaks);
        calibration = null;
      }
      return;
    }
    tail.observe(score);
  }

  @Override
  public long observations() {
    return observations;
  }

  /**
   * Returns the tail model once calibrated.
   *
   * @return the summary, or empty while calibrating
   */
  public Optional<TailSummary> tail() {
    return tail == null ? Optional.empty() : Optional.of(tail.summary());
  }

  @Override
  public byte[] toBytes() {
    StateWriter out =
        ThresholdCodec.start(method())
            .putDouble(q)
            .putDouble(level)
            .putInt(initSize)
            .putInt(maxPeaks)
            .putLong(observations);
    writeCalibrationOrTail(out, calibration, calibrated, tail);
    return out.toBytes();
  }

  static void writeCalibrationOrTail(
      StateWriter out, double[] calibration, int calibrated, PeaksOverThreshold tail) {
    out.putBoolean(tail != null);
    if (tail == null) {
      out.putDoubles(calibration, 0, calibrated);
    } else {
      tail.write(out);
    }
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static SpotThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.SPOT);
    SpotThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static SpotThreshold read(StateReader in) {
    double q = in.getDouble("q");
    double level = in.getDouble("level");
    int initSize = in.getInt("initSize", 2, 1 << 24);
    int maxPeaks = in.getInt("maxPeaks", 1, 1 << 24);
    SpotThreshold threshold;
    try {
      threshold = new SpotThreshold(q, level, initSize, maxPeaks);
    } catch (IllegalArgumentException e) {
      throw in.invalid("parameters", e.getMessage());
    }
    threshold.observations = in.getLong("observations");
    if (in.getBoolean("calibrated")) {
      threshold.calibration = null;
      threshold.calibrated = initSize;
      threshold.tail = PeaksOverThreshold.read(in);
    } else {
      double[] buffered = in.getDoubles("calibration", initSize - 1);
      threshold.calibrated = buffered.length;
      System.arraycopy(buffered, 0, threshold.calibration, 0, buffered.length);
    }
    return threshold;
  }

  @Override
  public String toString() {
    return "SpotThreshold[q="
        + q
        + ", level="
        + level
        + ", initSize="
        + initSize
        + ", maxPeaks="
        + maxPeaks
        + ", "
        + (tail == null ? "calibrating " + calibrated : tail.summary().toString())
        + "]";
  }
}
