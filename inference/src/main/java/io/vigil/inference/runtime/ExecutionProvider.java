package io.vigil.inference.runtime;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where ONNX Runtime runs a model. {@link #AUTO} is only ever requested: a loaded model reports the
 * provider it actually uses, {@link #CPU} or {@link #CUDA}.
 */
public enum ExecutionProvider {
  /** CUDA when this ONNX Runtime build has it and it starts, else CPU. */
  AUTO,
  /** The CPU provider, in every ONNX Runtime build. */
  CPU,
  /** The CUDA provider; needs the {@code onnxruntime_gpu} artifact and an NVIDIA GPU. */
  CUDA;

  /**
   * Parses a configuration value, case-insensitively.
   *
   * @param value {@code auto}, {@code cpu} or {@code cuda}
   * @return the provider
   * @throws IllegalArgumentException naming the value and the legal ones
   */
  public static ExecutionProvider parse(String value) {
    for (ExecutionProvider provider : values()) {
      if (provider.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution provider '" + value + "', expected one of " + names());
  }

  /** Returns the name used in configuration and logs: {@code auto}, {@code cpu}, {@code cuda}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String names() {
    return Arrays.toString(
        Arrays.stream(values()).map(ExecutionProvider::configName).toArray(String[]::new));
  }
}
