package io.vigil.app.policy;

/**
 * A policy record from the control topic was refused; the message names the policy and the problem.
 */
public final class PolicyRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PolicyRejectedException(String message) {
    super(message);
  }

  public PolicyRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
