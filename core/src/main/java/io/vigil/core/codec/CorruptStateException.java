package io.vigil.core.codec;

/**
 * Thrown when stored state bytes cannot be decoded: truncated, of an unknown format version, or
 * holding values that violate the class's invariants. The message says what was read, where, and
 * what was expected, so a bad store entry can be identified and discarded by the caller.
 */
public final class CorruptStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was read, where, and what was expected
   */
  public CorruptStateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the library failure that revealed the corruption.
   *
   * @param message what was read, where, and what was expected
   * @param cause the underlying failure
   */
  public CorruptStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
