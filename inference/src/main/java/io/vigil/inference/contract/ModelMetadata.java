package io.vigil.inference.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated contract metadata of a model: identity, window geometry, feature order, scaler,
 * suggested threshold and provenance. Read from a model's {@code metadata_props} by {@link
 * #fromProperties} and written back by {@link #toProperties}, so exporter and loader share one
 * definition.
 *
 * @param modelId identifier carried by every anomaly event; non-blank
 * @param modelVersion version carried by every anomaly event; non-blank
 * @param kind architecture (dense, lstm, conv, vae, linear, ...); non-blank
 * @param features the F feature names in channel order; non-empty, unique, non-blank
 * @param window W, frames per window; positive
 * @param stride S, frames between window starts; in [1, W] so that no frame goes unscored
 * @param scaler per-feature mean and std, F of each; {@code null} means the identity scaler
 * @param suggestedThreshold score threshold suggested by the trainer; finite and positive
 * @param provenanceJson a JSON object saying where the model came from; stored compact
 */
public record ModelMetadata(
    String modelId,
    String modelVersion,
    String kind,
    List<String> features,
    int window,
    int stride,
    Scaler scaler,
    double suggestedThreshold,
    String provenanceJson) {

  /** Validates every field; a bad one fails with its name, its value and what is allowed. */
  public ModelMetadata {
    requireNonBlank("modelId", modelId);
    requireNonBlank("modelVersion", modelVersion);
    requireNonBlank("kind", kind);
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features is empty, expected at least one feature name");
    }
    Set<String> seen = new HashSet<>();
    for (String feature : features) {
      requireNonBlank("feature name", feature);
      if (!seen.add(feature)) {
        throw new IllegalArgumentException("features names '" + feature + "' twice");
      }
    }
    if (window < 1) {
      throw new IllegalArgumentException("window = " + window + ", expected a positive integer");
    }
    if (stride < 1 || stride > window) {
      throw new IllegalArgumentException(
          "stride = " + stride + ", expected an integer in [1, " + window + "] (1..window)");
    }
    if (scaler == null) {
      scaler = Scaler.identity(features.size());
    } else if (scaler.featureCount() != features.size()) {
      throw new IllegalArgumentException(
          "scaler has "
              + scaler.featureCount()
              + " features, expected "
              + features.size()
              + " (one per feature name)");
    }
    if (!(Double.isFinite(suggestedThreshold) && suggestedThreshold > 0)) {
      throw new IllegalArgumentException(
          "suggestedThreshold = " + suggestedThreshold + ", expected a finite number > 0");
    }
    JsonNode provenance = provenanceJson == null ? null : Json.parseOrNull(provenanceJson);
    if (provenance == null || !provenance.isObject()) {
      throw new IllegalArgumentException(
          "provenanceJson = " + provenanceJson + ", expected a JSON object");
    }
    provenanceJson = Json.write(provenance);
  }

  /**
   * Reads and validates the contract keys of a model's {@code metadata_props}.
   *
   * @param source the model path or name, for the error message
   * @param properties the model's metadata_props
   * @return the metadata
   * @throws ModelContractException listing every missing, invalid or unknown key
   */
  public static ModelMetadata fromProperties(String source, Map<String, String> properties) {
    MetadataReader reader = new MetadataReader(properties);
    ModelMetadata metadata = reader.read();
    if (!reader.problems().isEmpty()) {
      throw new ModelContractException(source, reader.problems());
    }
    return metadata;
  }

  /** Returns F, the number of features. */
  public int featureCount() {
    return features.size();
  }

  /**
   * Returns the metadata as contract {@code metadata_props}, in {@link ModelContract#ALL_KEYS}
   * order, the scaler included even when it is the identity (exported models say so explicitly).
   */
  public Map<String, String> toProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(ModelContract.KEY_CONTRACT, Integer.toString(ModelContract.VERSION));
    properties.put(ModelContract.KEY_MODEL_ID, modelId);
    properties.put(ModelContract.KEY_MODEL_VERSION, modelVersion);
    properties.put(ModelContract.KEY_KIND, kind);
    properties.put(ModelContract.KEY_FEATURES, Json.write(features));
    properties.put(ModelContract.KEY_WINDOW, Integer.toString(window));
    properties.put(ModelContract.KEY_STRIDE, Integer.toString(stride));
    properties.put(ModelContract.KEY_SCALER, scalerJson(scaler));
    properties.put(ModelContract.KEY_SUGGESTED_THRESHOLD, Double.toString(suggestedThreshold));
    properties.put(ModelContract.KEY_PROVENANCE, provenanceJson);
    return properties;
  }

  private static String scalerJson(Scaler scaler) {
    ObjectNode node = Json.object();
    ArrayNode mean = node.putArray("mean");
    ArrayNode std = node.putArray("std");
    for (int f = 0; f < scaler.featureCount(); f++) {
      mean.add(scaler.mean(f));
      std.add(scaler.std(f));
    }
    return Json.write(node);
  }

  private static void requireNonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " = '" + value + "', expected a non-blank string");
    }
  }
}
