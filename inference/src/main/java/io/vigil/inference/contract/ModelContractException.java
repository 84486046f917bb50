package io.vigil.inference.contract;

import io.vigil.inference.InferenceException;
import java.util.List;

/**
 * A model breaks the Vigil model contract and is refused at load. The message names the model and
 * every problem found (what was expected, what was found), not only the first, so that one
 * round-trip to the exporter fixes them all.
 */
public final class ModelContractException extends InferenceException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param source the model path or another name for where the model came from
   * @param problems one sentence per problem; at least one
   */
  public ModelContractException(String source, List<String> problems) {
    this(source, problems, null);
  }

  /**
   * Creates the exception for problems found by running the model.
   *
   * @param source the model path or another name for where the model came from
   * @param problems one sentence per problem; at least one
   * @param cause the failure that revealed them, or null
   */
  public ModelContractException(String source, List<String> problems, Throwable cause) {
    super(message(source, problems), cause);
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  private static String message(String source, List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a contract exception needs at least one problem");
    }
    if (problems.size() == 1) {
      return "model " + source + ": " + problems.get(0);
    }
    return "model "
        + source
        + ": "
        + problems.size()
        + " contract problems: "
        + String.join("; ", problems);
  }

  /** Returns the model path or name the problems were found in. */
  public String source() {
    return source;
  }

  /** Returns every problem found, in the order they were checked. */
  public List<String> problems() {
    return problems;
  }
}
