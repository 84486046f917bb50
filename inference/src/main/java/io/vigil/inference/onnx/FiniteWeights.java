package io.vigil.inference.onnx;

/** The check every layer makes of its weights: a NaN or infinity would silently poison scores. */
final class FiniteWeights {
  private FiniteWeights() {}

  /**
   * Fails on the first value that is not finite.
   *
   * @param layer the layer's description, e.g. {@code dense layer}
   * @param what the array's name, e.g. {@code bias}
   * @param values the values
   * @throws IllegalArgumentException naming the layer, the array, the index and the value
   */
  static void require(String layer, String what, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(
            layer + " " + what + "[" + i + "] = " + values[i] + ", expected a finite number");
      }
    }
  }
}
