package io.vigil.inference.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the contract checks about a model, as its runtime reports it: inputs and outputs by
 * name, in model order, and the {@code metadata_props}.
 *
 * @param inputs the model inputs by name
 * @param outputs the model outputs by name
 * @param metadata the model's metadata_props
 */
public record ModelSignature(
    Map<String, TensorSignature> inputs,
    Map<String, TensorSignature> outputs,
    Map<String, String> metadata) {

  /** Copies the maps, keeping their order (it is the order problems are reported in). */
  public ModelSignature {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
