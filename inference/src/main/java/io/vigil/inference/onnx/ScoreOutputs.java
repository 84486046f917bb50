package io.vigil.inference.onnx;

/** Whether a contract model computes its scores in the graph or leaves them to Vigil. */
public enum ScoreOutputs {
  /** Outputs {@code reconstruction}, {@code score} and {@code channel_scores}: the default. */
  IN_GRAPH,
  /** Outputs {@code reconstruction} only, like a plain PyTorch export; Vigil computes the rest. */
  RECONSTRUCTION_ONLY
}
