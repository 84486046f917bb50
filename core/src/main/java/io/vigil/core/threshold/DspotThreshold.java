package io.vigil.core.threshold;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * SPOT with drift (DSPOT, Siffer et al. 2017): the tail model is applied to the residual {@code x -
 * M}, where M is the mean of the last {@code depth} normal scores, and the threshold is {@code z_q
 * + M}. A slowly drifting score level therefore moves the threshold with it instead of turning into
 * a run of alarms.
 *
 * <p>Calibration follows the reference code: of the first {@code initSize} scores, each score from
 * index {@code depth} on gives the residual from the mean of the {@code depth} scores before it; t,
 * the excesses and the fit come from those {@code initSize - depth} residuals, and the last {@code
 * depth} calibration scores seed M. Streaming: an alarm (residual above z_q) does not enter M and
 * enters the tail only as an excess censored at z_q, as in SPOT; any other score enters M, and its
 * residual is handled as in SPOT. M is recomputed from its ring in arrival order, so a restored
 * copy computes bit-identical values. Measured like SPOT ({@code PotAlarmRateTest}): 1.7 to 8.2
 * times q on Exp(1) and Pareto(3) scores with alarms left out, 0.85 to 1.2 times q with censoring.
 */
public final class DspotThreshold implements AdaptiveThreshold {
  private final double q;
  private final double level;
  private final int initSize;
  private final int maxPeaks;
  private final int depth;
  private double[] calibration;
  private int calibrated;
  private PeaksOverThreshold tail;
  private ScoreRing recent;
  private long observations;

  /**
   * Creates an uncalibrated threshold.
   *
   * @param q risk, in (0, 1 - level)
   * @param level quantile of the calibration residuals used as t, in [0.5, 1)
   * @param initSize calibration scores, > depth + 1
   * @param maxPeaks excesses kept, >= 1
   * @param depth normal scores averaged into the moving level M, >= 1
   */
  public DspotThreshold(double q, double level, int initSize, int maxPeaks, int depth) {
    SpotThreshold.checkPotParameters(q, level, initSize, maxPeaks);
    if (depth < 1 || initSize < depth + 2) {
      throw new IllegalArgumentException(
          "depth is "
              + depth
              + " with initSize "
              + initSize
              + "; expected 1 <= depth <= initSize - 2");
    }
    this.q = q;
    this.level = level;
    this.initSize = initSize;
    this.maxPeaks = maxPeaks;
    this.depth = depth;
    this.calibration = new double[initSize];
    this.recent = new ScoreRing(depth);
  }

  static DspotThreshold create(ThresholdSpec spec) {
    return new DspotThreshold(
        spec.parameter("q"),
        spec.parameter("level"),
        spec.intParameter("initSize"),
        spec.intParameter("maxPeaks"),
        spec.intParameter("depth"));
  }

  /**
   * Keeps the state when level, initSize and depth are unchanged; q and maxPeaks apply to the kept
   * tail. Returns null otherwise: a new depth changes what the residuals mean.
   */
  DspotThreshold retune(ThresholdSpec spec) {
    DspotThreshold next = create(spec);
    if (next.level != level || next.initSize != initSize || next.depth != depth) {
      return null;
    }
    next.observations = observations;
    next.calibrated = calibrated;
    if (tail == null) {
      next.calibration = calibration.clone();
    } else {
      next.calibration = null;
      next.tail = tail.retune(next.q, next.maxPeaks);
      next.recent = recent.copy();
    }
    return next;
  }

  @Override
  public ThresholdMethod method() {
    return ThresholdMethod.DSPOT;
  }

  @Override
  public boolean isReady() {
    return tail != null;
  }

  @Override
  public OptionalDouble current() {
    return tail == null ? OptionalDouble.empty() : OptionalDouble.of(tail.z() + movingLevel());
  }

  /**
   * Returns the moving level M, the mean of the last {@code depth} normal scores.
   *
   * @return M, or NaN while calibrating
   */
  public double movingLevel() {
    if (tail == null) {
      return Double.NaN;
    }
    return recent.sumOfNewest(depth) / depth;
  }

  @Override
  public void observe(double score) {
    AdaptiveThreshold.checkScore(score);
    observations++;
    if (tail == null) {
      calibration[calibrated++] = score;
      if (calibrated == initSize) {
        calibrate();
      }
      return;
    }
    double residual = score - movingLevel();
    if (tail.observe(residual) != PeaksOverThreshold.Verdict.ALARM) {
      recent.push(score);
    }
  }

  private void calibrate() {
    double[] residuals = new double[initSize - depth];
    double sum = 0;
    for (int i = 0; i < depth; i++) {
      sum += calibration[i];
    }
    for (int i = depth; i < initSize; i++) {
      residuals[i - depth] = calibration[i] - sum / depth;
      sum += calibration[i] - calibration[i - depth];
    }
    tail = PeaksOverThreshold.calibrate(residuals, q, level, maxPeaks);
    recent.fill(Arrays.copyOfRange(calibration, initSize - depth, initSize));
    calibration = null;
  }

  @Override
  public long observations() {
    return observations;
  }

  /**
   * Returns the tail model of the residuals once calibrated.
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
            .putInt(depth)
            .putLong(observations);
    SpotThreshold.writeCalibrationOrTail(out, calibration, calibrated, tail);
    if (tail != null) {
      out.putDoubles(recent.ordered());
    }
    return out.toBytes();
  }

  /**
   * Restores a threshold from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the threshold
   */
  public static DspotThreshold fromBytes(byte[] bytes) {
    StateReader in = ThresholdCodec.open(bytes, ThresholdMethod.DSPOT);
    DspotThreshold threshold = read(in);
    in.expectEnd();
    return threshold;
  }

  static DspotThreshold read(StateReader in) {
    double q = in.getDouble("q");
    double level = in.getDouble("level");
    int initSize = in.getInt("initSize", 2, 1 << 24);
    int maxPeaks = in.getInt("maxPeaks", 1, 1 << 24);
    int depth = in.getInt("depth", 1, 1 << 24);
    DspotThreshold threshold;
    try {
      threshold = new DspotThreshold(q, level, initSize, maxPeaks, depth);
    } catch (IllegalArgumentException e) {
      throw in.invalid("parameters", e.getMessage());
    }
    threshold.observations = in.getLong("observations");
    if (in.getBoolean("calibrated")) {
      threshold.calibration = null;
      threshold.calibrated = initSize;
      threshold.tail = PeaksOverThreshold.read(in);
      double[] ordered = in.getDoubles("recent", depth);
      if (ordered.length != depth) {
        throw in.invalid("recent", "holds " + ordered.length + " scores, expected " + depth);
      }
      threshold.recent.fill(ordered);
    } else {
      double[] buffered = in.getDoubles("calibration", initSize - 1);
      threshold.calibrated = buffered.length;
      System.arraycopy(buffered, 0, threshold.calibration, 0, buffered.length);
    }
    return threshold;
  }
}
