package io.vigil.inference.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the contract keys of {@code metadata_props} into a {@link ModelMetadata}, collecting every
 * problem instead of stopping at the first. Messages name the key, the value found and what is
 * allowed.
 */
final class MetadataReader {
  /** Values longer than this are cut in messages: a feature list can be long. */
  private static final int MAX_QUOTED = 80;

  private static final Map<String, String> EXPECTED =
      Map.of(
          ModelContract.KEY_CONTRACT, "the contract version '" + ModelContract.VERSION + "'",
          ModelContract.KEY_MODEL_ID, "a non-blank model id",
          ModelContract.KEY_MODEL_VERSION, "a non-blank model version",
          ModelContract.KEY_KIND, "the model kind, e.g. dense, lstm, conv, vae, linear",
          ModelContract.KEY_FEATURES, "a JSON array of unique non-blank feature names",
          ModelContract.KEY_WINDOW, "the window length W, a positive integer",
          ModelContract.KEY_STRIDE, "the stride S, an integer in [1, W]",
          ModelContract.KEY_SUGGESTED_THRESHOLD, "a finite number > 0",
          ModelContract.KEY_PROVENANCE, "a JSON object saying where the model came from");

  private final Map<String, String> properties;
  private final List<String> problems = new ArrayList<>();

  MetadataReader(Map<String, String> properties) {
    this.properties = properties;
  }

  /** Returns the problems found by {@link #read}. */
  List<String> problems() {
    return problems;
  }

  /** Reads the metadata; returns null when a problem was found. */
  ModelMetadata read() {
    for (String key : properties.keySet()) {
      if (key.startsWith(ModelContract.KEY_PREFIX) && !ModelContract.ALL_KEYS.contains(key)) {
        problems.add(
            "unknown metadata key '" + key + "', expected one of " + ModelContract.ALL_KEYS);
      }
    }
    for (String key : ModelContract.REQUIRED_KEYS) {
      if (!properties.containsKey(key)) {
        problems.add("missing metadata key '" + key + "' (" + EXPECTED.get(key) + ")");
      }
    }
    String contract = properties.get(ModelContract.KEY_CONTRACT);
    if (contract != null && !contract.equals(Integer.toString(ModelContract.VERSION))) {
      problem(ModelContract.KEY_CONTRACT, contract, "'" + ModelContract.VERSION + "'");
    }
    String modelId = nonBlank(ModelContract.KEY_MODEL_ID);
    String modelVersion = nonBlank(ModelContract.KEY_MODEL_VERSION);
    String kind = nonBlank(ModelContract.KEY_KIND);
    List<String> features = features();
    Integer window = positiveInt(ModelContract.KEY_WINDOW);
    Integer stride = positiveInt(ModelContract.KEY_STRIDE);
    if (window != null && stride != null && stride > window) {
      problem(
          ModelContract.KEY_STRIDE,
          stride.toString(),
          "an integer in [1, "
              + window
              + "] (at most vigil.window, so that every frame is scored)");
    }
    Scaler scaler = scaler(features);
    Double threshold = threshold();
    String provenance = provenance();
    if (!problems.isEmpty()) {
      return null;
    }
    return new ModelMetadata(
        modelId, modelVersion, kind, features, window, stride, scaler, threshold, provenance);
  }

  private String nonBlank(String key) {
    String value = properties.get(key);
    if (value != null && value.isBlank()) {
      problem(key, value, EXPECTED.get(key));
      return null;
    }
    return value;
  }

  private Integer positiveInt(String key) {
    String value = properties.get(key);
    if (value == null) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the key and the value, which says more than the parser's message
    }
    problem(key, value, "a positive integer");
    return null;
  }

  private List<String> features() {
    String value = properties.get(ModelContract.KEY_FEATURES);
    if (value == null) {
      return null;
    }
    JsonNode node = Json.parseOrNull(value);
    if (node == null || !node.isArray() || node.isEmpty()) {
      problem(ModelContract.KEY_FEATURES, value, EXPECTED.get(ModelContract.KEY_FEATURES));
      return null;
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode element : node) {
      if (!element.isTextual() || element.asText().isBlank()) {
        problem(ModelContract.KEY_FEATURES, value, EXPECTED.get(ModelContract.KEY_FEATURES));
        return null;
      }
      if (!seen.add(element.asText())) {
        problems.add(
            "metadata '"
                + ModelContract.KEY_FEATURES
                + "' names '"
                + element.asText()
                + "' twice, expected unique feature names");
        return null;
      }
      names.add(element.asText());
    }
    return names;
  }

  private Scaler scaler(List<String> features) {
    String value = properties.get(ModelContract.KEY_SCALER);
    if (value == null) {
      return null;
    }
    String expected = "a JSON object {\"mean\":[F numbers],\"std\":[F numbers > 0]}";
    JsonNode node = Json.parseOrNull(value);
    if (node == null || !node.isObject()) {
      problem(ModelContract.KEY_SCALER, value, expected);
      return null;
    }
    float[] mean = numbers(node.get("mean"), "mean", features);
    float[] std = numbers(node.get("std"), "std", features);
    if (mean == null || std == null) {
      return null;
    }
    boolean valid = true;
    for (int f = 0; f < std.length; f++) {
      if (!(std[f] > 0f)) {
        problems.add(
            "metadata '"
                + ModelContract.KEY_SCALER
                + "' std["
                + f
                + "] is "
                + std[f]
                + featureName(features, f)
                + ", expected a finite number > 0");
        valid = false;
      }
    }
    return valid ? Scaler.of(mean, std) : null;
  }

  private float[] numbers(JsonNode node, String field, List<String> features) {
    String key = ModelContract.KEY_SCALER;
    if (node == null || !node.isArray()) {
      problems.add("metadata '" + key + "' has no array '" + field + "', expected F numbers in it");
      return null;
    }
    if (features != null && node.size() != features.size()) {
      problems.add(
          "metadata '"
              + key
              + "' has "
              + node.size()
              + " "
              + field
              + " values, expected "
              + features.size()
              + " (one per feature in "
              + ModelContract.KEY_FEATURES
              + ")");
      return null;
    }
    float[] values = new float[node.size()];
    for (int f = 0; f < values.length; f++) {
      JsonNode element = node.get(f);
      float number = element.isNumber() ? element.floatValue() : Float.NaN;
      if (!Float.isFinite(number)) {
        problems.add(
            "metadata '"
                + key
                + "' "
                + field
                + "["
                + f
                + "] is "
                + quote(element.toString())
                + ", expected a finite number");
        return null;
      }
      values[f] = number;
    }
    return values;
  }

  private Double threshold() {
    String key = ModelContract.KEY_SUGGESTED_THRESHOLD;
    String value = properties.get(key);
    if (value == null) {
      return null;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (Double.isFinite(parsed) && parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the key and the value
    }
    problem(key, value, EXPECTED.get(key));
    return null;
  }

  private String provenance() {
    String key = ModelContract.KEY_PROVENANCE;
    String value = properties.get(key);
    if (value == null) {
      return null;
    }
    JsonNode node = Json.parseOrNull(value);
    if (node == null || !node.isObject()) {
      problem(key, value, EXPECTED.get(key));
      return null;
    }
    return value;
  }

  private static String featureName(List<String> features, int f) {
    return features == null ? "" : " (feature '" + features.get(f) + "')";
  }

  private void problem(String key, String value, String expected) {
    problems.add("metadata '" + key + "' is " + quote(value) + ", expected " + expected);
  }

  private static String quote(String value) {
    String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED - 3) + "..." : value;
    return "'" + shown + "'";
  }
}
