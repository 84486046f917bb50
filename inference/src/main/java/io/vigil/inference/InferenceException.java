package io.vigil.inference;

/**
 * Root of the exceptions thrown by the inference module: a failure to load, validate or run a
 * model, with the model and the operation named in the message and the library exception (if any)
 * kept as the cause.
 */
public class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the model and what failed.
   *
   * @param message what failed, with context
   */
  public InferenceException(String message) {
    super(message);
  }

  /**
   * Creates an exception that wraps a library failure.
   *
   * @param message what failed, with context
   * @param cause the library exception
   */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
