package io.vigil.core.policy;

/**
 * A numeric interval with open or closed ends, used to validate policy values and to describe them
 * in error messages in the usual notation, e.g. {@code (0, 1]}.
 *
 * @param min lower bound ({@code Double.NEGATIVE_INFINITY} for none)
 * @param minInclusive whether {@code min} itself is allowed
 * @param max upper bound ({@code Double.POSITIVE_INFINITY} for none)
 * @param maxInclusive whether {@code max} itself is allowed
 * @param integral whether only whole numbers are allowed (counts given as doubles in a map)
 */
public record Range(
    double min, boolean minInclusive, double max, boolean maxInclusive, boolean integral) {

  /** Validates the bounds themselves. */
  public Range {
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException(
          "range bounds must satisfy min <= max: " + min + ", " + max);
    }
  }

  /**
   * A closed interval {@code [min, max]}.
   *
   * @param min lower bound
   * @param max upper bound
   * @return the range
   */
  public static Range closed(double min, double max) {
    return new Range(min, true, max, true, false);
  }

  /**
   * An open interval {@code (min, max)}.
   *
   * @param min lower bound
   * @param max upper bound
   * @return the range
   */
  public static Range open(double min, double max) {
    return new Range(min, false, max, false, false);
  }

  /**
   * A half-open interval {@code (min, max]}.
   *
   * @param min lower bound, excluded
   * @param max upper bound, included
   * @return the range
   */
  public static Range openClosed(double min, double max) {
    return new Range(min, false, max, true, false);
  }

  /**
   * A half-open interval {@code [min, max)}.
   *
   * @param min lower bound, included
   * @param max upper bound, excluded
   * @return the range
   */
  public static Range closedOpen(double min, double max) {
    return new Range(min, true, max, false, false);
  }

  /**
   * Whole numbers in {@code [min, max]}.
   *
   * @param min smallest allowed count
   * @param max largest allowed count
   * @return the range
   */
  public static Range integers(long min, long max) {
    return new Range(min, true, max, true, true);
  }

  /**
   * Whether a value lies in this range (NaN never does).
   *
   * @param value the value
   * @return true when allowed
   */
  public boolean contains(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (integral && (Double.isInfinite(value) || value != Math.rint(value))) {
      return false;
    }
    boolean aboveMin = minInclusive ? value >= min : value > min;
    boolean belowMax = maxInclusive ? value <= max : value < max;
    return aboveMin && belowMax;
  }

  /**
   * Checks a value, throwing an {@link InvalidPolicyException} naming the field when it is outside
   * the range.
   *
   * @param field dotted path of the field
   * @param value the value found
   * @return the value, for chaining
   */
  public double check(String field, double value) {
    if (!contains(value)) {
      throw new InvalidPolicyException(field, format(value), toString());
    }
    return value;
  }

  /**
   * Formats a value the way error messages show it: whole numbers without a decimal point.
   *
   * @param value the value
   * @return its text
   */
  public static String format(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  @Override
  public String toString() {
    String text =
        (minInclusive ? "[" : "(") + bound(min) + ", " + bound(max) + (maxInclusive ? "]" : ")");
    return integral ? "whole numbers in " + text : text;
  }

  private static String bound(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    return format(value);
  }
}
