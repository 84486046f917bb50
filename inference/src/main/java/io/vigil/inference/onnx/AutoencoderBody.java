package io.vigil.inference.onnx;

/**
 * The trainable part of a contract model: nodes that turn a standardised window into its
 * standardised reconstruction, of the same shape. {@link ContractGraphs} wraps it with the
 * contract's scaling and scoring, so an exporter writes only its architecture.
 *
 * <p>A body that knows where its code is (the bottleneck) says so through {@link #buildOutputs},
 * and the contract model then also outputs it as {@code latent}; a body that only implements {@link
 * #build} gives a model without one.
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

  /**
   * Adds the body's initializers and nodes and names its code as well as its reconstruction. The
   * default has no code: it calls {@link #build}.
   *
   * @param graph the graph being built
   * @param input the standardised window, in {@link #layout()}
   * @param window W
   * @param features F
   * @return the reconstruction and, when the body has one, its code
   */
  default BodyOutputs buildOutputs(OnnxGraphBuilder graph, String input, int window, int features) {
    return new BodyOutputs(build(graph, input, window, features), null, 0);
  }

  /**
   * The values a body produces.
   *
   * @param reconstruction the standardised reconstruction, in the body's layout
   * @param code the code, {@code [batch, codeSize]}; null when the body does not name one
   * @param codeSize L, the values in one window's code; 0 without a code
   */
  record BodyOutputs(String reconstruction, String code, int codeSize) {}
}
