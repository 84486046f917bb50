package io.vigil.core.threshold;

import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.policy.Range;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The threshold algorithms and, for each, its parameters with defaults and allowed ranges.
 *
 * <p>The parameter tables are the documentation of the defaults:
 *
 * <ul>
 *   <li>STATIC: {@code value} (required, >= 0), the fixed threshold.
 *   <li>EWMA: {@code alpha} = 0.01 in (0, 1], smoothing of mean and variance; {@code k} = 3 in (0,
 *       100], bias-corrected standard deviations above the mean.
 *   <li>QUANTILE: {@code quantile} = 0.995 in (0, 1); {@code margin} = 1 in (0, 100], a factor
 *       applied to the quantile; {@code compression} = 100 in [20, 1000], the t-digest's.
 *   <li>SPOT: {@code q} = 1e-4 in (0, 1 - level), the risk (probability of a normal score above the
 *       threshold); {@code level} = 0.98 in [0.5, 1), the quantile of the calibration scores used
 *       as initial threshold t; {@code initSize} = 1000 (whole, [20, 20000]), scores used for
 *       calibration; {@code maxPeaks} = 2000 (whole, [10, 20000]), excesses kept for the fit.
 *   <li>DSPOT: as SPOT plus {@code depth} = 10 (whole, [1, 1000]), normal scores averaged for the
 *       moving level.
 *   <li>LIKELIHOOD: {@code q} = 1e-4 in (0, 0.5), tail probability of the recent mean at which a
 *       window exceeds; {@code shortWindow} = 10 (whole, [1, 1000]), scores in the recent mean;
 *       {@code longWindow} = 1000 (whole, [10, 1000000]), memory of the long-run distribution of
 *       the recent mean, in recent means.
 * </ul>
 *
 * <p>The upper bounds on counts bound the memory one device's state may take in a store.
 */
public enum ThresholdMethod {
  /** A fixed threshold. */
  STATIC(
      1,
      ThresholdParameter.required(
          "value", Range.closedOpen(0, Double.POSITIVE_INFINITY), "the fixed threshold")),
  /** Exponentially weighted moving mean and variance; threshold = mean + k * sigma. */
  EWMA(
      2,
      ThresholdParameter.optional(
          "alpha", 0.01, Range.openClosed(0, 1), "weight of the newest score"),
      ThresholdParameter.optional("k", 3.0, Range.openClosed(0, 100), "deviations above the mean")),
  /** A streaming quantile of the scores, optionally times a margin. */
  QUANTILE(
      3,
      ThresholdParameter.optional("quantile", 0.995, Range.open(0, 1), "quantile of the scores"),
      ThresholdParameter.optional(
          "margin", 1.0, Range.openClosed(0, 100), "factor applied to the quantile"),
      ThresholdParameter.optional(
          "compression", 100, Range.closed(20, 1000), "t-digest compression (size bound)")),
  /** Streaming peaks-over-threshold (SPOT, Siffer et al. 2017). */
  SPOT(4, Pot.Q, Pot.LEVEL, Pot.INIT_SIZE, Pot.MAX_PEAKS),
  /** SPOT on the residual from a moving average of recent normal scores (DSPOT). */
  DSPOT(
      5,
      Pot.Q,
      Pot.LEVEL,
      Pot.INIT_SIZE,
      Pot.MAX_PEAKS,
      ThresholdParameter.optional(
          "depth", 10, Range.integers(1, 1000), "normal scores in the moving average")),
  /** Anomaly likelihood: the tail probability of the recent mean score under its long-run law. */
  LIKELIHOOD(
      6,
      ThresholdParameter.optional(
          "q", 1e-4, Range.open(0, 0.5), "tail probability of the recent mean that exceeds"),
      ThresholdParameter.optional(
          "shortWindow", 10, Range.integers(1, 1000), "scores in the recent mean"),
      ThresholdParameter.optional(
          "longWindow",
          1000,
          Range.integers(10, 1_000_000),
          "memory of the long-run distribution, in recent means"));

  private final int code;
  private final List<ThresholdParameter> parameters;

  ThresholdMethod(int code, ThresholdParameter... parameters) {
    this.code = code;
    this.parameters = List.of(parameters);
  }

  /**
   * Returns the parameters this method accepts.
   *
   * @return the parameters, in documentation order
   */
  public List<ThresholdParameter> parameters() {
    return parameters;
  }

  /**
   * Looks up one parameter of this method.
   *
   * @param name the parameter key
   * @return the parameter, or empty when this method has no such parameter
   */
  public Optional<ThresholdParameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * Returns the parameter names, for messages listing what is allowed.
   *
   * @return the names in documentation order
   */
  public List<String> parameterNames() {
    return parameters.stream().map(ThresholdParameter::name).toList();
  }

  /**
   * Parses a method name case-insensitively, as a policy file or an Avro enum symbol spells it.
   *
   * @param name the name
   * @return the method
   * @throws InvalidPolicyException naming {@code threshold.method} and the allowed names
   */
  public static ThresholdMethod parse(String name) {
    String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (ThresholdMethod method : values()) {
      if (method.name().equals(wanted)) {
        return method;
      }
    }
    throw new InvalidPolicyException(
        ThresholdSpec.FIELD_METHOD,
        name == null ? "missing" : "'" + name + "'",
        "one of " + Arrays.toString(values()));
  }

  /** Stable tag written in the state codec; independent of declaration order. */
  int code() {
    return code;
  }

  static ThresholdMethod fromCode(int code) {
    for (ThresholdMethod method : values()) {
      if (method.code == code) {
        return method;
      }
    }
    return null;
  }

  /** The parameters shared by SPOT and DSPOT, held apart so both constants can list them. */
  private static final class Pot {
    static final ThresholdParameter Q =
        ThresholdParameter.optional(
            "q", 1e-4, Range.open(0, 0.5), "risk: probability of a normal score above it");
    static final ThresholdParameter LEVEL =
        ThresholdParameter.optional(
            "level", 0.98, Range.closedOpen(0.5, 1), "quantile used as initial threshold t");
    static final ThresholdParameter INIT_SIZE =
        ThresholdParameter.optional(
            "initSize", 1000, Range.integers(20, 20_000), "scores used for calibration");
    static final ThresholdParameter MAX_PEAKS =
        ThresholdParameter.optional(
            "maxPeaks", 2000, Range.integers(10, 20_000), "most recent excesses kept for the fit");
  }
}
