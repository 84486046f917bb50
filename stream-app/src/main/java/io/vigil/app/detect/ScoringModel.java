package io.vigil.app.detect;

import io.vigil.app.config.DetectionSettings;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.WindowSpec;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.schemas.ModelRef;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The model the stream scores with: one ONNX Runtime session per process, shared by every stream
 * task (each task has its own scorer over it), and the window shape its metadata prescribes. Closed
 * by its owner, the application, after the streams are closed.
 */
public final class ScoringModel implements AutoCloseable {
  private final OnnxModel model;
  private final WindowSpec windowSpec;
  private final Set<String> features;
  private final ModelRef ref;

  private ScoringModel(OnnxModel model, DetectionSettings settings) {
    this.model = model;
    ModelMetadata m = model.metadata();
    this.windowSpec =
        new WindowSpec(
            m.features(),
            m.window(),
            m.stride(),
            settings.graceMillis(),
            new GapFillPolicy(settings.maxCarrySteps(), settings.stepMillis()));
    this.features = Set.copyOf(new HashSet<>(m.features()));
    this.ref = new ModelRef(m.modelId(), m.modelVersion());
  }

  /** Loads and checks the model at {@code path}. */
  public static ScoringModel load(
      Path path, InferenceSettings inference, DetectionSettings settings) {
    return new ScoringModel(OnnxModel.load(path, inference), settings);
  }

  public ModelMetadata metadata() {
    return model.metadata();
  }

  public OnnxModel onnx() {
    return model;
  }

  /** How frames are assembled into this model's windows. */
  public WindowSpec windowSpec() {
    return windowSpec;
  }

  /** The feature names in order. */
  public List<String> featureList() {
    return model.metadata().features();
  }

  public boolean knows(String channel) {
    return features.contains(channel);
  }

  /** The reference every score and event carries. */
  public ModelRef ref() {
    return ref;
  }

  @Override
  public void close() {
    model.close();
  }
}
