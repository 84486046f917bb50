package io.vigil.inference.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import io.vigil.inference.InferenceException;
import java.util.EnumSet;

/**
 * Creates the session of a model with the session options and execution provider of the settings:
 * {@code cpu} as asked, {@code cuda} or a clear failure, {@code auto} CUDA when it is in the build
 * and starts, else CPU.
 */
final class SessionOpener {
  /** Session config key: let intra-op pool threads spin while idle; "0" turns spinning off. */
  static final String INTRA_OP_SPINNING = "session.intra_op.allow_spinning";

  /** Session config key: let inter-op pool threads spin while idle; "0" turns spinning off. */
  static final String INTER_OP_SPINNING = "session.inter_op.allow_spinning";

  private static final String CUDA_DOCS =
      "https://onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html";

  /** Creates a session from a model file or bytes with prepared options. */
  @FunctionalInterface
  interface ModelSource {
    OrtSession create(OrtEnvironment env, SessionOptions options) throws OrtException;
  }

  /**
   * A created session and the provider it runs on.
   *
   * @param session the session, owned by the caller
   * @param provider CPU or CUDA
   * @param note why the provider differs from the request, or empty
   */
  record Opened(OrtSession session, ExecutionProvider provider, String note) {}

  private SessionOpener() {}

  static Opened open(String source, ModelSource model, InferenceSettings settings) {
    EnumSet<OrtProvider> available = OrtRuntime.availableProviders();
    boolean cudaInBuild = available.contains(OrtProvider.CUDA);
    switch (settings.provider()) {
      case CPU:
        return new Opened(create(source, model, settings, false), ExecutionProvider.CPU, "");
      case CUDA:
        if (!cudaInBuild) {
          throw new ProviderUnavailableException(
              "model "
                  + source
                  + ": "
                  + InferenceSettings.PROVIDER_KEY
                  + "=cuda, but this ONNX Runtime build has no CUDA execution provider"
                  + " (available: "
                  + available
                  + "). Use the GPU build: replace com.microsoft.onnxruntime:onnxruntime with"
                  + " com.microsoft.onnxruntime:onnxruntime_gpu:"
                  + OrtRuntime.version()
                  + " and install the CUDA and cuDNN libraries it needs ("
                  + CUDA_DOCS
                  + "), or set "
                  + InferenceSettings.PROVIDER_KEY
                  + " to cpu or auto",
              null);
        }
        return new Opened(create(source, model, settings, true), ExecutionProvider.CUDA, "");
      case AUTO:
      default:
        if (!cudaInBuild) {
          return new Opened(
              create(source, model, settings, false),
              ExecutionProvider.CPU,
              "CUDA is not in this ONNX Runtime build");
        }
        try {
          return new Opened(create(source, model, settings, true), ExecutionProvider.CUDA, "");
        } catch (InferenceException e) {
          // A GPU build on a machine without a usable GPU: fall back, and say why in the one
          // line the loader logs.
          return new Opened(
              create(source, model, settings, false),
              ExecutionProvider.CPU,
              "CUDA failed to start: " + e.getMessage());
        }
    }
  }

  private static OrtSession create(
      String source, ModelSource model, InferenceSettings settings, boolean cuda) {
    // The session copies its options, so they are released right after creation.
    try (SessionOptions options = new SessionOptions()) {
      configure(options, settings);
      if (cuda) {
        addCuda(source, options);
      }
      return model.create(OrtRuntime.environment(), options);
    } catch (OrtException e) {
      throw new InferenceException(
          "model "
              + source
              + ": ONNX Runtime could not load it"
              + (cuda ? " with the CUDA provider" : "")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Applies the CPU threading policy: {@code intraOpThreads} per operator, one inter-op thread
   * (autoencoder graphs are chains, nothing runs in parallel), sequential execution, and no
   * spinning, so idle pool threads do not burn the cores the stream threads need.
   */
  static void configure(SessionOptions options, InferenceSettings settings) throws OrtException {
    options.setIntraOpNumThreads(settings.intraOpThreads());
    options.setInterOpNumThreads(1);
    options.setExecutionMode(ExecutionMode.SEQUENTIAL);
    options.addConfigEntry(INTRA_OP_SPINNING, "0");
    options.addConfigEntry(INTER_OP_SPINNING, "0");
  }

  private static void addCuda(String source, SessionOptions options) {
    try {
      options.addCUDA(0);
    } catch (OrtException e) {
      throw new ProviderUnavailableException(
          "model "
              + source
              + ": the CUDA execution provider failed to start ("
              + e.getMessage()
              + "). Check the NVIDIA driver and the CUDA and cuDNN libraries that ONNX Runtime "
              + OrtRuntime.version()
              + " needs ("
              + CUDA_DOCS
              + "), or set "
              + InferenceSettings.PROVIDER_KEY
              + " to cpu or auto",
          e);
    }
  }
}
