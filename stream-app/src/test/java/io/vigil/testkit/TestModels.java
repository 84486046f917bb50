package io.vigil.testkit;

import io.vigil.model.linear.SimulatedFleetModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real ONNX models for the stream tests, fitted by the project's model tools on simulated normal
 * data.
 */
public final class TestModels {
  private TestModels() {}

  /** A linear autoencoder with W=8, S=2 and 4 components, written under {@code dir}. */
  public static Path small(Path dir) {
    return pca(dir.resolve("small-pca.onnx"), 8, 2, 4);
  }

  /** Another window shape than {@link #small}'s: W=16, S=4 and 4 components. */
  public static Path small16(Path dir) {
    return pca(dir.resolve("small16-pca.onnx"), 16, 4, 4);
  }

  /** The demo's shape: W=32, S=4, 8 components. */
  public static Path demo(Path dir) {
    return pca(dir.resolve("demo-pca.onnx"), 32, 4, 8);
  }

  private static Path pca(Path out, int window, int stride, int components) {
    try {
      Files.createDirectories(out.getParent());
      SimulatedFleetModels.pca(out, 42, window, stride, components);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
