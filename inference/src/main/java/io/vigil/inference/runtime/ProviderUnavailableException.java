package io.vigil.inference.runtime;

import io.vigil.inference.InferenceException;

/**
 * The requested execution provider cannot run here: not in this ONNX Runtime build, or it failed to
 * start. Raised at load, so a misconfigured deployment fails at start, not on the first window.
 */
public final class ProviderUnavailableException extends InferenceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was requested, what is available and how to fix it
   * @param cause the ONNX Runtime failure, or null
   */
  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
