package io.vigil.inference.onnx;

/**
 * The trainable part of a contract model: nodes that turn a standardised window into its
 * standardised reconstruction, of the same shape. {@link ContractGraphs} wraps it with the
 * contract's scaling and scoring, so an exporter writes only its architecture.
 */
public interface AutoencoderBody {

  /** Returns the layout the body reads and writes. */
  BodyLayout layout();

  /**
   * Adds the body's initializers and nodes.
   *
   * @param graph the graph being built
   * @param input the standardised window, in {@link #layout()}
   * @param window W
   * @param features F
   * @return the name of the standardised reconstruction, in {@link #layout()}
   */
  String build(OnnxGraphBuilder graph, String input, int window, int features);
}
