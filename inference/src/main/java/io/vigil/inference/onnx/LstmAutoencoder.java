package io.vigil.inference.onnx;

import java.util.List;

/**
 * An LSTM autoencoder body: encoder LSTM layers read the standardised window step by step; the last
 * step's hidden state goes through a dense layer to the latent code; the code is repeated W times
 * and read by the decoder LSTM layers; a dense layer applied at every step maps each hidden state
 * back to the F features.
 *
 * <p>The graph works sequence-first ({@code [W, batch, ...]}) between a {@code Transpose} in and a
 * {@code Transpose} out, because ONNX Runtime's CPU LSTM kernel does not accept the batch-first
 * {@code layout = 1}.
 *
 * @param encoder encoder layers, input to output; the first reads F features, each next one reads
 *     the hidden size of the one before
 * @param latent maps the encoder's last hidden state to the latent code
 * @param decoder decoder layers; the first reads the latent code
 * @param output maps each decoder hidden state to F standardised values; its activation applies
 */
public record LstmAutoencoder(
    List<LstmLayer> encoder, DenseLayer latent, List<LstmLayer> decoder, DenseLayer output)
    implements AutoencoderBody {

  /** Checks that the layers chain. */
  public LstmAutoencoder {
    encoder = List.copyOf(encoder);
    decoder = List.copyOf(decoder);
    if (encoder.isEmpty() || decoder.isEmpty()) {
      throw new IllegalArgumentException(
          "an LSTM autoencoder needs at least one encoder and one decoder layer, found "
              + encoder.size()
              + " and "
              + decoder.size());
    }
    requireChain("encoder", encoder);
    requireChain("decoder", decoder);
    int encoded = encoder.get(encoder.size() - 1).hidden();
    if (latent.inputs() != encoded) {
      throw new IllegalArgumentException(
          "latent layer has " + latent.inputs() + " inputs, expected " + encoded + " (encoder)");
    }
    if (decoder.get(0).inputs() != latent.outputs()) {
      throw new IllegalArgumentException(
          "decoder layer 0 has "
              + decoder.get(0).inputs()
              + " inputs, expected "
              + latent.outputs()
              + " (the latent size)");
    }
    int decoded = decoder.get(decoder.size() - 1).hidden();
    if (output.inputs() != decoded) {
      throw new IllegalArgumentException(
          "output layer has " + output.inputs() + " inputs, expected " + decoded + " (decoder)");
    }
    if (output.outputs() != encoder.get(0).inputs()) {
      throw new IllegalArgumentException(
          "output layer has "
              + output.outputs()
              + " outputs, expected "
              + encoder.get(0).inputs()
              + " (the features the encoder reads)");
    }
  }

  /** Returns F, the features per step. */
  public int features() {
    return encoder.get(0).inputs();
  }

  @Override
  public BodyLayout layout() {
    return BodyLayout.SEQUENCE;
  }

  @Override
  public String build(OnnxGraphBuilder graph, String input, int window, int features) {
    return buildOutputs(graph, input, window, features).reconstruction();
  }

  /** The code is the latent layer's output, {@code [batch, L]}: what the decoder reads. */
  @Override
  public BodyOutputs buildOutputs(OnnxGraphBuilder graph, String input, int window, int features) {
    if (features != features()) {
      throw new IllegalArgumentException(
          "LSTM autoencoder reads " + features() + " features, expected F = " + features);
    }
    String steps = transpose(graph, input);
    for (int k = 0; k < encoder.size(); k++) {
      steps = encoder.get(k).build(graph, steps, "encoder" + k);
    }
    // The last step's hidden state summarises the window: [W, batch, H] -> [batch, H].
    String lastIndex = graph.initializer("encoder_last_step", new long[] {window - 1L});
    String last =
        graph.node("Gather", List.of(steps, lastIndex), OnnxAttributes.integer("axis", 0));
    String code = latent.build(graph, last, "latent");
    // [batch, L] -> [1, batch, L] -> [W, batch, L]: the code is the decoder's input at every step.
    String axis0 = graph.initializer("latent_step_axis", new long[] {0}, 1);
    String repeats = graph.initializer("latent_repeats", new long[] {window, 1, 1}, 3);
    String repeated =
        graph.node("Tile", List.of(graph.node("Unsqueeze", List.of(code, axis0)), repeats));
    for (int k = 0; k < decoder.size(); k++) {
      repeated = decoder.get(k).build(graph, repeated, "decoder" + k);
    }
    // MatMul broadcasts [batch, W, H] x [H, F], so the output layer applies at every step.
    String reconstruction = output.build(graph, transpose(graph, repeated), "output");
    return new BodyOutputs(reconstruction, code, latent.outputs());
  }

  private static String transpose(OnnxGraphBuilder graph, String value) {
    return graph.node("Transpose", List.of(value), OnnxAttributes.ints("perm", 1, 0, 2));
  }

  private static void requireChain(String what, List<LstmLayer> layers) {
    for (int k = 1; k < layers.size(); k++) {
      if (layers.get(k).inputs() != layers.get(k - 1).hidden()) {
        throw new IllegalArgumentException(
            what
                + " layer "
                + k
                + " has "
                + layers.get(k).inputs()
                + " inputs, expected "
                + layers.get(k - 1).hidden()
                + " (the hidden size of layer "
                + (k - 1)
                + ")");
      }
    }
  }
}
