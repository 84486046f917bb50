package io.vigil.cli;

import io.vigil.model.validate.ModelDescription;
import io.vigil.model.validate.ModelValidator;
import io.vigil.model.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil validate-model FILE}. */
@Command(
    name = "validate-model",
    mixinStandardHelpOptions = true,
    description = {
      "Loads a model as the stream app would (ONNX Runtime, CPU) and checks the Vigil model"
          + " contract: input and output names, types and shapes, every metadata key, a probe"
          + " batch. Prints the metadata and provenance of a good model (exit 0), or every reason"
          + " a broken one is refused (exit 1)."
    })
final class ValidateModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The .onnx model file.")
  Path file;

  @Override
  public Integer call() {
    ValidationReport report = ModelValidator.validate(file);
    PrintWriter target =
        report.accepted() ? spec.commandLine().getOut() : spec.commandLine().getErr();
    ModelDescription.lines(report).forEach(target::println);
    target.flush();
    return report.accepted() ? 0 : 1;
  }
}
