package io.vigil.core.policy;

/**
 * A threshold or alert policy value that is unknown, missing or out of range.
 *
 * <p>The message always reads {@code invalid policy field '<field>': found <value>, allowed
 * <allowed>} so an operator can fix the policy without reading code; the three parts are also
 * available separately for dead letters and metrics.
 */
public final class InvalidPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String found;
  private final String allowed;

  /**
   * Creates the exception.
   *
   * @param field dotted path of the field, e.g. {@code threshold.parameters.alpha}
   * @param found the value found, as text ({@code "missing"} when absent)
   * @param allowed what would have been accepted, e.g. {@code (0, 1]} or {@code one of [a, b]}
   */
  public InvalidPolicyException(String field, String found, String allowed) {
    super("invalid policy field '" + field + "': found " + found + ", allowed " + allowed);
    this.field = field;
    this.found = found;
    this.allowed = allowed;
  }

  /**
   * Returns the dotted path of the offending field.
   *
   * @return the field
   */
  public String field() {
    return field;
  }

  /**
   * Returns the value found, as text.
   *
   * @return the value, or {@code "missing"}
   */
  public String found() {
    return found;
  }

  /**
   * Returns a description of the accepted values.
   *
   * @return what is allowed
   */
  public String allowed() {
    return allowed;
  }
}
