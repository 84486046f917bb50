package io.vigil.model.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.inference.contract.ModelMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaAutoencoderTest {
  private static final List<String> FEATURES = List.of("smooth", "noise");
  private static final double NOISE = 0.1;

  @TempDir Path dir;

  /**
   * Two channels: a slow wave of amplitude 2 with a little noise (0.1), and noise alone (0.1).
   * Their spreads are about 1.42 and 0.1, their noise levels both about 0.1.
   */
  private static List<double[][]> series() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] rows = new double[4000][2];
    for (int t = 0; t < rows.length; t++) {
      rows[t][0] = 2 * Math.sin(2 * Math.PI * t / 500) + random.nextGaussian() * NOISE;
      rows[t][1] = random.nextGaussian() * NOISE;
    }
    return List.<double[][]>of(rows);
  }

  private ModelMetadata fit(String name, ChannelScaling scaling, boolean rootMean)
      throws IOException {
    return PcaAutoencoder.fit(
        dir.resolve(name),
        series(),
        FEATURES,
        new PcaSettings(16, 4, 4, scaling, null, rootMean),
        "test",
        "{\"source\":\"unit test\"}");
  }

  @Test
  void theVersionChangesWithTheSettingsAndTheProvenanceAndNothingElse() throws IOException {
    ModelMetadata spread = fit("v1.onnx", ChannelScaling.SPREAD, false);
    ModelMetadata again = fit("v2.onnx", ChannelScaling.SPREAD, false);
    ModelMetadata noise = fit("v3.onnx", ChannelScaling.NOISE, false);
    ModelMetadata otherData =
        PcaAutoencoder.fit(
            dir.resolve("v4.onnx"),
            series(),
            FEATURES,
            new PcaSettings(16, 4, 4, ChannelScaling.SPREAD, null, false),
            "test",
            "{\"source\":\"another unit test\"}");

    assertThat(spread.modelVersion()).matches("1-[0-9a-f]{8}").isEqualTo(again.modelVersion());
    assertThat(noise.modelVersion()).isNotEqualTo(spread.modelVersion());
    assertThat(otherData.modelVersion()).isNotEqualTo(spread.modelVersion());
    assertThat(spread.modelId()).isEqualTo("test");
  }

  @Test
  void scalesEachChannelByItsSpreadItsNoiseOrTheirGeometricMean() throws IOException {
    float[] spread = fit("a.onnx", ChannelScaling.SPREAD, false).scaler().stds();
    float[] noise = fit("b.onnx", ChannelScaling.NOISE, false).scaler().stds();
    float[] mixed = fit("c.onnx", ChannelScaling.SPREAD_AND_NOISE, false).scaler().stds();

    assertThat(spread[0]).isCloseTo((float) Math.sqrt(2), within(0.05f));
    // The wave's own steps add a little to the noise level measured from first differences.
    assertThat(noise[0]).isCloseTo((float) NOISE, within(0.01f));
    assertThat(mixed[0]).isCloseTo((float) Math.sqrt(spread[0] * noise[0]), within(1e-5f));
    // Noise alone: spread and noise level agree, so every scaling gives it the same unit.
    assertThat(spread[1]).isCloseTo((float) NOISE, within(0.005f));
    assertThat(noise[1]).isCloseTo(spread[1], within(0.005f));
    assertThat(mixed[1]).isCloseTo(spread[1], within(0.005f));
  }

  @Test
  void aRootMeanScoreSuggestsTheRootOfTheMeanScoresThresholdOverItsMargin() throws IOException {
    double mean = fit("a.onnx", ChannelScaling.SPREAD, false).suggestedThreshold();
    double root = fit("b.onnx", ChannelScaling.SPREAD, true).suggestedThreshold();

    // Both are 1.5 times the 99.5th percentile of the training scores, and the root is monotone.
    assertThat(root).isCloseTo(1.5 * Math.sqrt(mean / 1.5), within(1e-6 * root));
  }

  @Test
  void refusesMoreComponentsThanAWindowHasValues() {
    assertThatThrownBy(
            () ->
                PcaAutoencoder.fit(
                    dir.resolve("x.onnx"),
                    series(),
                    FEATURES,
                    PcaSettings.plain(4, 2, 9),
                    "test",
                    "{}"))
        .hasMessage("components 9 is invalid; expected 1..8 (W*F)");
  }

  @Test
  void refusesSettingsThatCannotWorkNamingTheField() {
    assertThatThrownBy(() -> PcaSettings.plain(4, 5, 2))
        .hasMessage("stride = 5, expected an integer in [1, 4] (1..window)");
    assertThatThrownBy(
            () ->
                new PcaSettings(
                    1, 1, 1, ChannelScaling.SPREAD, new PcaSettings.Stillness(0.3, 4), false))
        .hasMessage("window = 1, a stillness term needs windows of at least 2 frames");
    assertThatThrownBy(() -> new PcaSettings.Stillness(0, 4))
        .hasMessage("stillness tolerance = 0.0, expected a number in (0, 1]");
  }
}
