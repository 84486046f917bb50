package io.vigil.inference.runtime;

import io.vigil.inference.InferenceException;

/**
 * A batch could not be scored: ONNX Runtime failed, or an output had the wrong shape or type. Keeps
 * the detail without the model prefix so that the load-time probe can report it as a contract
 * problem.
 */
final class ScoringFailure extends InferenceException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  ScoringFailure(String source, String detail, Throwable cause) {
    super("model " + source + ": " + detail, cause);
    this.detail = detail;
  }

  String detail() {
    return detail;
  }
}
