package io.vigil.inference.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;

/**
 * The process's single ONNX Runtime environment: the one place that calls {@link
 * OrtEnvironment#getEnvironment()}. The environment lives as long as the process (ONNX Runtime
 * releases it at exit), so it is never closed here.
 */
public final class OrtRuntime {
  private OrtRuntime() {}

  /** Returns the environment, creating it (and loading the native library) on first use. */
  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /** Returns the execution providers compiled into this ONNX Runtime build. */
  public static EnumSet<OrtProvider> availableProviders() {
    environment();
    return OrtEnvironment.getAvailableProviders();
  }

  /** Returns the ONNX Runtime version, e.g. {@code 1.28.0}. */
  public static String version() {
    return environment().getVersion();
  }
}
