package io.vigil.core.threshold;

import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.policy.Range;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one device's threshold is computed: the method, its parameters, the warm-up length and the
 * model's suggested threshold that applies until the adaptive one is usable.
 *
 * <p>Validated on construction, so an instance is always usable: unknown parameter names, missing
 * required ones and out-of-range values throw an {@link InvalidPolicyException} naming the field
 * (e.g. {@code threshold.parameters.alpha}), the value found and what is allowed. Absent optional
 * parameters take the defaults documented on {@link ThresholdMethod}. The parameter map is kept
 * sorted so that equal specs encode to equal bytes.
 *
 * @param method the algorithm
 * @param parameters the parameters given (defaults are not inserted)
 * @param warmupWindows scores before which no window may exceed; default {@value
 *     #DEFAULT_WARMUP_WINDOWS}, allowed [0, 1000000]
 * @param suggestedThreshold the model's suggested threshold (from its metadata), finite and >= 0
 */
public record ThresholdSpec(
    ThresholdMethod method,
    Map<String, Double> parameters,
    int warmupWindows,
    double suggestedThreshold) {

  /** Warm-up length used when a policy does not say; matches the policy schema's default. */
  public static final int DEFAULT_WARMUP_WINDOWS = 50;

  /** Largest warm-up accepted. */
  public static final int MAX_WARMUP_WINDOWS = 1_000_000;

  /**
   * Fewest excesses over the initial threshold that SPOT calibration must be able to produce; below
   * this the tail fit has too little to work with.
   */
  public static final int MIN_CALIBRATION_PEAKS = 5;

  static final String FIELD_METHOD = "threshold.method";
  static final String FIELD_PARAMETERS = "threshold.parameters";
  static final String FIELD_WARMUP = "threshold.warmupWindows";
  static final String FIELD_SUGGESTED = "threshold.suggestedThreshold";

  /** Validates every field and copies the parameters into a sorted, unmodifiable map. */
  public ThresholdSpec {
    if (method == null) {
      throw new InvalidPolicyException(
          FIELD_METHOD, "missing", "one of " + Arrays.toString(ThresholdMethod.values()));
    }
    parameters = checkParameters(method, parameters == null ? Map.of() : parameters);
    Range.integers(0, MAX_WARMUP_WINDOWS).check(FIELD_WARMUP, warmupWindows);
    Range.closedOpen(0, Double.POSITIVE_INFINITY).check(FIELD_SUGGESTED, suggestedThreshold);
    if (method == ThresholdMethod.SPOT || method == ThresholdMethod.DSPOT) {
      checkPotConsistency(method, parameters);
    }
  }

  /**
   * Creates a spec with the default warm-up.
   *
   * @param method the algorithm
   * @param parameters the parameters given
   * @param suggestedThreshold the model's suggested threshold
   * @return the validated spec
   */
  public static ThresholdSpec of(
      ThresholdMethod method, Map<String, Double> parameters, double suggestedThreshold) {
    return new ThresholdSpec(method, parameters, DEFAULT_WARMUP_WINDOWS, suggestedThreshold);
  }

  /**
   * Returns a parameter's value, or its documented default when absent.
   *
   * @param name the parameter key, one of {@code method().parameterNames()}
   * @return the value
   * @throws IllegalArgumentException when the method has no such parameter (a programming error)
   */
  public double parameter(String name) {
    ThresholdParameter declared =
        method
            .parameter(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        method
                            + " has no parameter '"
                            + name
                            + "'; it has "
                            + method.parameterNames()));
    Double given = parameters.get(name);
    return given != null ? given : declared.defaultValue();
  }

  /**
   * Returns a whole-number parameter.
   *
   * @param name the parameter key
   * @return the value as an int (validated to be whole on construction)
   */
  public int intParameter(String name) {
    return (int) parameter(name);
  }

  /**
   * Returns every parameter of the method with defaults filled in.
   *
   * @return a sorted, unmodifiable map
   */
  public Map<String, Double> resolvedParameters() {
    Map<String, Double> all = new TreeMap<>();
    for (ThresholdParameter p : method.parameters()) {
      all.put(p.name(), parameter(p.name()));
    }
    return Collections.unmodifiableMap(all);
  }

  private static Map<String, Double> checkParameters(
      ThresholdMethod method, Map<String, Double> given) {
    Map<String, Double> sorted = new TreeMap<>();
    for (Map.Entry<String, Double> entry : given.entrySet()) {
      String name = entry.getKey();
      ThresholdParameter declared =
          method
              .parameter(name)
              .orElseThrow(
                  () ->
                      new InvalidPolicyException(
                          FIELD_PARAMETERS + "." + name,
                          "an unknown parameter for " + method,
                          "one of " + method.parameterNames()));
      if (entry.getValue() == null) {
        throw new InvalidPolicyException(
            FIELD_PARAMETERS + "." + name, "null", declared.range().toString());
      }
      declared.range().check(FIELD_PARAMETERS + "." + name, entry.getValue());
      sorted.put(name, entry.getValue());
    }
    for (ThresholdParameter declared : method.parameters()) {
      if (declared.isRequired() && !sorted.containsKey(declared.name())) {
        throw new InvalidPolicyException(
            FIELD_PARAMETERS + "." + declared.name(),
            "missing",
            declared.range() + " (required for " + method + ")");
      }
    }
    return Collections.unmodifiableMap(sorted);
  }

  /** Checks the constraints between SPOT parameters that single ranges cannot express. */
  private static void checkPotConsistency(ThresholdMethod method, Map<String, Double> given) {
    double level = valueOrDefault(method, given, "level");
    double q = valueOrDefault(method, given, "q");
    // The extreme quantile must lie beyond t: the risk has to be below the share of scores above t.
    Range.open(0, 1 - level).check(FIELD_PARAMETERS + ".q", q);
    int initSize = (int) valueOrDefault(method, given, "initSize");
    int depth = method == ThresholdMethod.DSPOT ? (int) valueOrDefault(method, given, "depth") : 0;
    int needed = depth + 1;
    while (calibrationPeaks(needed - depth, level) < MIN_CALIBRATION_PEAKS) {
      needed++;
    }
    if (initSize < needed) {
      throw new InvalidPolicyException(
          FIELD_PARAMETERS + ".initSize",
          Integer.toString(initSize),
          "at least "
              + needed
              + " with level "
              + level
              + (depth > 0 ? " and depth " + depth : "")
              + ", so that calibration yields "
              + MIN_CALIBRATION_PEAKS
              + " excesses over t");
    }
  }

  /** Number of calibration scores strictly above the empirical level-quantile, absent ties. */
  static int calibrationPeaks(int size, double level) {
    return size - 1 - PeaksOverThreshold.quantileIndex(size, level);
  }

  private static double valueOrDefault(
      ThresholdMethod method, Map<String, Double> given, String name) {
    Double value = given.get(name);
    return value != null ? value : method.parameter(name).orElseThrow().defaultValue();
  }
}
