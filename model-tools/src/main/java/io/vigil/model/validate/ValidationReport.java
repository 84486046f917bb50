package io.vigil.model.validate;

import io.vigil.inference.contract.ModelMetadata;
import java.util.List;

/**
 * What validating a model file found: its metadata when it honours the contract, or every problem
 * that makes it refused, plus what the file says about itself.
 *
 * @param source the file
 * @param metadata the validated metadata; null when the model is refused
 * @param problems why it is refused; empty when it is accepted
 * @param irVersion the ONNX IR version; 0 when the file is not ONNX
 * @param opset the default-domain opset; 0 when unknown
 * @param producer the producer name; empty when unknown
 */
public record ValidationReport(
    String source,
    ModelMetadata metadata,
    List<String> problems,
    long irVersion,
    long opset,
    String producer) {

  /** Copies the problems. */
  public ValidationReport {
    problems = List.copyOf(problems);
  }

  /** Returns whether the model honours the contract. */
  public boolean accepted() {
    return problems.isEmpty() && metadata != null;
  }
}
