package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.inference.onnx.ScoreOutputs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Execution providers on this build (the CPU artifact, no GPU): cpu runs, cuda fails at load with
 * how to get it, auto falls back to CPU and says so in one line.
 */
class ProviderTest {
  @TempDir Path dir;
  private Path model;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(OnnxModel.class);

  @BeforeEach
  void setUp() {
    model = TinyModels.write(TinyModels.dense(ScoreOutputs.IN_GRAPH), dir, "tiny.onnx");
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(logged);
  }

  @Test
  void cpuRunsOnCpu() {
    try (OnnxModel loaded = OnnxModel.load(model, settings(ExecutionProvider.CPU))) {
      assertThat(loaded.provider()).isEqualTo(ExecutionProvider.CPU);
      assertThat(loaded.newScorer().score(TinyModels.windows(1, 0), 1, false).size()).isOne();
    }
  }

  @Test
  void cudaWithoutTheGpuBuildFailsAtLoadSayingHowToGetIt() {
    assumeFalse(OrtRuntime.availableProviders().contains(OrtProvider.CUDA), "GPU build present");

    assertThatThrownBy(() -> OnnxModel.load(model, settings(ExecutionProvider.CUDA)))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageStartingWith(
            "model "
                + model
                + ": inference.provider=cuda, but this ONNX Runtime build has no CUDA execution"
                + " provider (available: [CPU")
        .hasMessageContaining("com.microsoft.onnxruntime:onnxruntime_gpu:1.28.0")
        .hasMessageContaining("or set inference.provider to cpu or auto");
  }

  @Test
  void autoFallsBackToCpuAndLogsOneLineNamingIt() {
    assumeFalse(OrtRuntime.availableProviders().contains(OrtProvider.CUDA), "GPU build present");

    try (OnnxModel loaded = OnnxModel.load(model, settings(ExecutionProvider.AUTO))) {
      assertThat(loaded.provider()).isEqualTo(ExecutionProvider.CPU);
    }
    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getFormattedMessage())
        .contains("provider CPU (requested auto; CUDA is not in this ONNX Runtime build)")
        .contains("tiny-dense")
        .contains(model.toString());
  }

  @Test
  void cpuSessionsUseTheConfiguredThreadsAndNeverSpin() throws OrtException {
    try (SessionOptions options = new SessionOptions()) {
      SessionOpener.configure(options, settings(ExecutionProvider.CPU).withIntraOpThreads(3));

      assertThat(options.getConfigEntries())
          .containsEntry("session.intra_op.allow_spinning", "0")
          .containsEntry("session.inter_op.allow_spinning", "0");
    }
  }

  private static InferenceSettings settings(ExecutionProvider provider) {
    return TinyModels.CPU.withProvider(provider);
  }
}
