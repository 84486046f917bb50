package io.vigil.broker;

/**
 * Raised when the embedded broker cannot format its storage, start, become ready or stop. It wraps
 * Kafka's own exception as the cause and adds what Kafka does not say: the data directory and the
 * address involved.
 */
public final class BrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the data directory or address involved.
   *
   * @param message what failed, with context
   * @param cause the library exception, or {@code null}
   */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
