package io.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.calibrate.ThresholdCalibration;
import io.vigil.model.data.SimulatedData;
import io.vigil.model.export.ModelIdentity;
import io.vigil.model.pipeline.TrainedModel;
import io.vigil.model.pipeline.TrainingPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training writes nothing of libtorch's to stderr. libtorch's warnings go straight to the native
 * stderr, past Java's, so a run is made in a JVM of its own and its stderr read whole: DJL's {@code
 * NDArray.set(float[])}, which restoring the best epoch once used, printed "Warning:
 * AutoNonVariableTypeMode is deprecated ..." on every {@code vigil train}.
 */
class QuietTrainingTest {
  @TempDir Path dir;

  @Test
  void trainingPrintsNoLibtorchWarning() throws IOException, InterruptedException {
    Path stderr = dir.resolve("stderr.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Train.class.getName())
            .redirectError(stderr.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();

    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the training JVM ended").isTrue();
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(errors).isZero();
    assertThat(errors).doesNotContain("AutoNonVariableTypeMode").doesNotContain("] Warning:");
  }

  /** Trains a small dense and a small conv model, each restoring its best epoch. */
  static final class Train {
    private Train() {}

    public static void main(String[] args) {
      for (ModelKind kind : List.of(ModelKind.DENSE, ModelKind.CONV)) {
        TrainingOptions options =
            TrainingOptions.defaults(kind).toBuilder()
                .window(8)
                .stride(2)
                .hidden(List.of(4))
                .latent(2)
                .epochs(2)
                .build();
        try (TrainedModel model =
            new TrainingPipeline(
                    options,
                    ThresholdCalibration.DEFAULT,
                    new ModelIdentity("quiet", "1"),
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .run(SimulatedData.normal(1, 3, 200), TrainingListener.NONE)) {
          System.out.println(kind.id() + " best epoch " + model.history().bestEpoch());
        }
      }
    }
  }
}
