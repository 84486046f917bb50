package io.vigil.model.data;

/**
 * Data could not be read: a file that is not in the expected format, a value that is not a number,
 * a topic that cannot be reached. The message names the source and, where known, the line or
 * record.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param source the file, topic or other source
   * @param problem what is wrong, with the line or record where known
   */
  public DataException(String source, String problem) {
    super(message(source, problem));
  }

  /**
   * Creates the exception around a library failure.
   *
   * @param source the file, topic or other source
   * @param problem what failed
   * @param cause the library exception
   */
  public DataException(String source, String problem, Throwable cause) {
    super(message(source, problem), cause);
  }

  /** Returns the message for a problem with a source, as the constructors write it. */
  static String message(String source, String problem) {
    return source + ": " + problem;
  }
}
