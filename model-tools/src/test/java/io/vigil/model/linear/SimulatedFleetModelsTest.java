package io.vigil.model.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.model.validate.ModelValidator;
import io.vigil.model.validate.ValidationReport;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedFleetModelsTest {
  private static final InferenceSettings CPU =
      InferenceSettings.defaults().withProvider(ExecutionProvider.CPU);

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path demo;
  private static ModelMetadata demoMetadata;

  @BeforeAll
  static void fitDemoModel() throws IOException {
    demo = shared.resolve(SimulatedFleetModels.DEMO_FILE);
    demoMetadata = SimulatedFleetModels.demo(demo);
  }

  @Test
  void demoModelIsAValidContractModelWithItsSettingsAndProvenance() {
    ValidationReport report = ModelValidator.validate(demo);

    assertThat(report.accepted()).isTrue();
    assertThat(demoMetadata.window()).isEqualTo(SimulatedFleetModels.DEMO_SETTINGS.window());
    assertThat(demoMetadata.stride()).isEqualTo(SimulatedFleetModels.DEMO_SETTINGS.stride());
    assertThat(demoMetadata.provenanceJson())
        .contains("\"devices\":" + SimulatedFleetModels.DEMO_DEVICES)
        .contains("\"components\":24")
        .contains("\"scaling\":\"spread_and_noise\"")
        .contains("\"stillness\":{\"tolerance\":0.3,\"strength\":4.0}")
        .contains("\"score\":\"root of the mean of the channel scores\"");
  }

  @Test
  void demoModelScoresAFrozenChannelAboveItsThresholdAndTheSameWindowMovingBelow() {
    // Fleet seed 7 is none the demo model was fitted on; its first 400 steps are anomaly-free.
    float[][] normal = simulatedWindows(7, 4, 300, demoMetadata.window());
    int flow = FleetSimulator.channels().indexOf("flow");
    int window = demoMetadata.window();
    int features = demoMetadata.featureCount();
    float[] frozen = new float[normal.length * window * features];
    float[] moving = new float[frozen.length];
    for (int b = 0; b < normal.length; b++) {
      System.arraycopy(normal[b], 0, moving, b * window * features, window * features);
      System.arraycopy(normal[b], 0, frozen, b * window * features, window * features);
      float held = normal[b][flow];
      for (int t = 0; t < window; t++) {
        frozen[(b * window + t) * features + flow] = held;
      }
    }

    try (OnnxModel model = OnnxModel.load(demo, CPU)) {
      BatchScores movingScores = model.newScorer().score(moving, normal.length, false);
      BatchScores frozenScores = model.newScorer().score(frozen, normal.length, false);

      double threshold = demoMetadata.suggestedThreshold();
      for (int b = 0; b < normal.length; b++) {
        assertThat((double) movingScores.score(b)).as("moving window %d", b).isLessThan(threshold);
        assertThat((double) frozenScores.score(b))
            .as("window %d with flow frozen", b)
            .isGreaterThan(threshold);
        // The frozen channel is the one the score names.
        float[] channels = frozenScores.channelScores(b);
        for (int f = 0; f < features; f++) {
          if (f != flow) {
            assertThat(channels[flow]).isGreaterThan(channels[f]);
          }
        }
      }
    }
  }

  @Test
  void sameSeedGivesTheSameModel() throws IOException {
    PcaSettings settings =
        new PcaSettings(
            8, 2, 4, ChannelScaling.SPREAD_AND_NOISE, new PcaSettings.Stillness(0.3, 4), true);
    SimulatedFleetModels.pca(dir.resolve("a.onnx"), 7, 3, settings);
    SimulatedFleetModels.pca(dir.resolve("b.onnx"), 7, 3, settings);

    assertThat(Files.readAllBytes(dir.resolve("a.onnx")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b.onnx")));
  }

  /** One window per device, of the frames from {@code from}, row-major. */
  private static float[][] simulatedWindows(long seed, int devices, int from, int window) {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(devices, seed));
    int features = FleetSimulator.channels().size();
    float[][] windows = new float[devices][window * features];
    for (int k = 0; k < from + window; k++) {
      List<SimulatedFrame> frames = fleet.nextStep();
      if (k < from) {
        continue;
      }
      for (int i = 0; i < devices; i++) {
        List<Double> values = List.copyOf(frames.get(i).channels().values());
        for (int c = 0; c < features; c++) {
          windows[i][(k - from) * features + c] = values.get(c).floatValue();
        }
      }
    }
    assertThat(fleet.injectedAnomalies()).isEmpty();
    return windows;
  }
}
