package io.vigil.app.startup;

/**
 * A start-up check failed. The message is one line for the console: what was checked, where, and
 * why it failed; the library's exception stays as the cause.
 */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure.
   *
   * @param message one line naming what failed and why
   * @param cause the library's exception, or null
   */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
