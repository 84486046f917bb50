package io.vigil.inference.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Several bodies of one kind, trained from different seeds, read as one: the reconstruction is the
 * mean of the members' reconstructions, and the code, when every member has one, is their codes
 * side by side ({@code [batch, members x L]}). An autoencoder's reconstruction error depends on
 * where training started; averaging members that started apart keeps what they agree on, so a
 * window's score depends less on one member's accidents. The contract wraps the ensemble as it
 * wraps one body: it scores the averaged reconstruction.
 *
 * <p>Each member's initializers are named under its own prefix ({@code member0_}, ...), so members
 * built by the same code do not collide.
 */
public final class EnsembleBody implements AutoencoderBody {
  private final List<AutoencoderBody> members;

  /**
   * An ensemble.
   *
   * @param members at least two bodies of one layout
   */
  public EnsembleBody(List<? extends AutoencoderBody> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "an ensemble needs at least two members, found " + members.size());
    }
    BodyLayout layout = members.get(0).layout();
    for (int m = 1; m < members.size(); m++) {
      if (members.get(m).layout() != layout) {
        throw new IllegalArgumentException(
            "ensemble member "
                + m
                + " reads "
                + members.get(m).layout()
                + ", member 0 reads "
                + layout
                + ": members must share a layout");
      }
    }
    this.members = List.copyOf(members);
  }

  /** Returns the members, in order. */
  public List<AutoencoderBody> members() {
    return members;
  }

  @Override
  public BodyLayout layout() {
    return members.get(0).layout();
  }

  @Override
  public String build(OnnxGraphBuilder graph, String input, int window, int features) {
    return buildOutputs(graph, input, window, features).reconstruction();
  }

  @Override
  public BodyOutputs buildOutputs(OnnxGraphBuilder graph, String input, int window, int features) {
    List<String> reconstructions = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    int codeSize = 0;
    for (int m = 0; m < members.size(); m++) {
      AutoencoderBody member = members.get(m);
      BodyOutputs out =
          graph.scoped(
              "member" + m + "_", () -> member.buildOutputs(graph, input, window, features));
      reconstructions.add(out.reconstruction());
      if (out.code() != null) {
        codes.add(out.code());
        codeSize += out.codeSize();
      }
    }
    String sum = graph.node("Sum", reconstructions);
    String share =
        graph.initializer(graph.freshName("ensemble_share"), new float[] {1f / members.size()}, 1);
    String mean = graph.node("Mul", List.of(sum, share));
    if (codes.size() != members.size()) {
      return new BodyOutputs(mean, null, 0);
    }
    String code = graph.node("Concat", codes, OnnxAttributes.integer("axis", 1));
    return new BodyOutputs(mean, code, codeSize);
  }
}
