package io.vigil.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceSettingsTest {

  @Test
  void defaultsAreAutoOneThreadAndBatchesOf64() {
    assertThat(InferenceSettings.defaults())
        .isEqualTo(new InferenceSettings(ExecutionProvider.AUTO, 1, 64))
        .isEqualTo(InferenceSettings.fromConfig(Map.of()));
  }

  @Test
  void readsEveryKeyCaseInsensitiveForTheProvider() {
    InferenceSettings settings =
        InferenceSettings.fromConfig(
            Map.of(
                "inference.provider", "CUDA",
                "inference.intra-op-threads", "4",
                "inference.max-batch-size", "128",
                "kafka.bootstrap", "ignored"));

    assertThat(settings).isEqualTo(new InferenceSettings(ExecutionProvider.CUDA, 4, 128));
  }

  @Test
  void refusesAnUnknownProviderListingTheLegalOnes() {
    assertThatThrownBy(() -> InferenceSettings.fromConfig(Map.of("inference.provider", "tpu")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "inference.provider: unknown execution provider 'tpu', expected one of [auto, cpu,"
                + " cuda]");
  }

  @Test
  void refusesOutOfRangeNumbersNamingTheKey() {
    assertThatThrownBy(() -> new InferenceSettings(ExecutionProvider.CPU, 0, 64))
        .hasMessage("inference.intra-op-threads = 0, expected an integer in [1, 256]");
    assertThatThrownBy(() -> InferenceSettings.defaults().withMaxBatchSize(5000))
        .hasMessage("inference.max-batch-size = 5000, expected an integer in [1, 4096]");
    assertThatThrownBy(
            () -> InferenceSettings.fromConfig(Map.of("inference.max-batch-size", "lots")))
        .hasMessage("inference.max-batch-size = 'lots', expected an integer in [1, 4096]");
  }

  @Test
  void refusesAMisspeltInferenceKey() {
    assertThatThrownBy(() -> InferenceSettings.fromConfig(Map.of("inference.max-batch", "8")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown setting 'inference.max-batch', expected one of");
  }
}
