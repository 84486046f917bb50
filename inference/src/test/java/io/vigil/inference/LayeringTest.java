package io.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Enforces the layering written in {@code io.vigil.inference}'s package documentation. */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/io/vigil/inference");

  /** For each package, imports it must never have. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "scoring",
              List.of(
                  "ai.onnx",
                  "io.vigil.inference.contract",
                  "io.vigil.inference.runtime",
                  "io.vigil.inference.onnx"),
          "contract", List.of("ai.onnx", "io.vigil.inference.runtime", "io.vigil.inference.onnx"),
          "onnx", List.of("ai.onnxruntime", "io.vigil.inference.runtime"));

  @Test
  void packagesImportOnlyTheLayersBelowThem() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
      try (Stream<Path> files = Files.list(MAIN.resolve(rule.getKey()))) {
        for (Path file : files.toList()) {
          for (String line : Files.readAllLines(file)) {
            for (String forbidden : rule.getValue()) {
              if (line.startsWith("import " + forbidden + ".")) {
                violations.add(file.getFileName() + ": " + line);
              }
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
