package io.vigil.model.export;

/**
 * The id and version a model is published under; every anomaly event carries both.
 *
 * @param modelId non-blank
 * @param modelVersion non-blank
 */
public record ModelIdentity(String modelId, String modelVersion) {

  /** Validates the fields. */
  public ModelIdentity {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("model id = '" + modelId + "', expected a non-blank id");
    }
    if (modelVersion == null || modelVersion.isBlank()) {
      throw new IllegalArgumentException(
          "model version = '" + modelVersion + "', expected a non-blank version");
    }
  }
}
