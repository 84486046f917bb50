package io.vigil.inference.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

  static ModelMetadata metadata() {
    return new ModelMetadata(
        "pump-ae",
        "3",
        "dense",
        List.of("temperature", "vibration"),
        8,
        4,
        Scaler.of(new float[] {20f, 0.5f}, new float[] {5f, 0.1f}),
        2.5,
        "{ \"source\": \"s3://bucket/pump.csv\", \"rows\": 1000, \"seed\": 42 }");
  }

  @Test
  void propertiesRoundTrip() {
    ModelMetadata metadata = metadata();
    Map<String, String> properties = metadata.toProperties();

    assertThat(properties.keySet()).containsExactlyElementsOf(ModelContract.ALL_KEYS);
    assertThat(properties)
        .containsEntry("vigil.contract", "1")
        .containsEntry("vigil.features", "[\"temperature\",\"vibration\"]")
        .containsEntry("vigil.scaler", "{\"mean\":[20.0,0.5],\"std\":[5.0,0.1]}")
        .containsEntry(
            "vigil.provenance", "{\"source\":\"s3://bucket/pump.csv\",\"rows\":1000,\"seed\":42}");
    assertThat(ModelMetadata.fromProperties("m.onnx", properties)).isEqualTo(metadata);
  }

  @Test
  void anAbsentScalerIsTheIdentity() {
    Map<String, String> properties = new LinkedHashMap<>(metadata().toProperties());
    properties.remove("vigil.scaler");

    ModelMetadata metadata = ModelMetadata.fromProperties("m.onnx", properties);

    assertThat(metadata.scaler().isIdentity()).isTrue();
    assertThat(metadata.scaler().featureCount()).isEqualTo(2);
  }

  @Test
  void listsEveryMissingAndInvalidKey() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("vigil.contract", "1");
    properties.put("vigil.model_id", "pump-ae");
    properties.put("vigil.model_version", " ");
    properties.put("vigil.kind", "dense");
    properties.put("vigil.features", "[\"a\",\"a\"]");
    properties.put("vigil.window", "eight");
    properties.put("vigil.stride", "4");
    properties.put("vigil.suggested_threshold", "-1");
    properties.put("vigil.provenance", "[1,2]");
    properties.put("producer.note", "left alone: not a vigil key");

    ModelContractException refused =
        catchThrowableOfType(
            ModelContractException.class,
            () -> ModelMetadata.fromProperties("/models/m.onnx", properties));

    assertThat(refused.problems())
        .containsExactly(
            "metadata 'vigil.model_version' is ' ', expected a non-blank model version",
            "metadata 'vigil.features' names 'a' twice, expected unique feature names",
            "metadata 'vigil.window' is 'eight', expected a positive integer",
            "metadata 'vigil.suggested_threshold' is '-1', expected a finite number > 0",
            "metadata 'vigil.provenance' is '[1,2]', expected a JSON object saying where the"
                + " model came from");
    assertThat(refused).hasMessageStartingWith("model /models/m.onnx: 5 contract problems: ");
  }

  @Test
  void strideLongerThanTheWindowIsRefused() {
    Map<String, String> properties = new LinkedHashMap<>(metadata().toProperties());
    properties.put("vigil.stride", "9");

    assertThatThrownBy(() -> ModelMetadata.fromProperties("m.onnx", properties))
        .hasMessage(
            "model m.onnx: metadata 'vigil.stride' is '9', expected an integer in [1, 8] (at most"
                + " vigil.window, so that every frame is scored)");
  }

  @Test
  void scalerLengthMustMatchTheFeatures() {
    Map<String, String> properties = new LinkedHashMap<>(metadata().toProperties());
    properties.put("vigil.scaler", "{\"mean\":[1,2,3],\"std\":[1,1]}");

    assertThatThrownBy(() -> ModelMetadata.fromProperties("m.onnx", properties))
        .hasMessage(
            "model m.onnx: metadata 'vigil.scaler' has 3 mean values, expected 2 (one per"
                + " feature in vigil.features)");
  }

  @Test
  void theRecordRefusesBadFieldsByName() {
    assertThatThrownBy(
            () -> new ModelMetadata("id", "1", "dense", List.of("a"), 4, 5, null, 1.0, "{}"))
        .hasMessage("stride = 5, expected an integer in [1, 4] (1..window)");
    assertThatThrownBy(
            () -> new ModelMetadata("id", "1", "dense", List.of("a"), 4, 1, null, 1.0, "x"))
        .hasMessage("provenanceJson = x, expected a JSON object");
    assertThatThrownBy(() -> Scaler.of(new float[] {0f}, new float[] {-1f}))
        .hasMessage("scaler std[0] = -1.0, expected a finite number > 0");
  }
}
