package io.vigil.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxGraphBuilderTest {

  @Test
  void pinsIrVersionOpsetAndProducer() {
    ModelProto model = identity().build();

    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImportList())
        .singleElement()
        .satisfies(
            opset -> {
              assertThat(opset.getDomain()).isEmpty();
              assertThat(opset.getVersion()).isEqualTo(17);
            });
    assertThat(model.getProducerName()).isEqualTo("vigil");
  }

  @Test
  void writesMetadataInInsertionOrderAndSymbolicDimensions() {
    ModelProto model = identity().metadata("b", "2").metadata("a", "1").metadata("b", "3").build();

    assertThat(model.getMetadataPropsList())
        .extracting(entry -> entry.getKey() + "=" + entry.getValue())
        .containsExactly("b=3", "a=1");
    List<Dimension> dims =
        model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
    assertThat(dims.get(0).getDimParam()).isEqualTo("batch");
    assertThat(dims.get(1).getDimValue()).isEqualTo(3);
  }

  @Test
  void theSameGraphGivesTheSameBytes() {
    assertThat(identity().build().toByteArray()).isEqualTo(identity().build().toByteArray());
  }

  @Test
  void scopesPrefixInitializerNamesAndNestAndEnd() {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("g");

    String inner =
        graph.scoped(
            "member0_",
            () -> {
              String w = graph.initializer("w", new float[] {1f}, 1);
              assertThat(w).isEqualTo("member0_w");
              return graph.scoped("a_", () -> graph.initializer("w", new long[] {1}, 1));
            });
    String outer = graph.initializer("w", new float[] {2f}, 1);

    assertThat(inner).isEqualTo("member0_a_w");
    assertThat(outer).isEqualTo("w");
  }

  @Test
  void refusesANodeReadingAnUndefinedValue() {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("g");

    assertThatThrownBy(() -> graph.node("Relu", List.of("nowhere")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Relu node input 'nowhere' is not defined yet in graph 'g'");
  }

  @Test
  void refusesADuplicateName() {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("g");
    graph.input("x", DataType.FLOAT, Dim.fixed(1));

    assertThatThrownBy(() -> graph.initializer("x", new float[] {1f}, 1))
        .hasMessage("value 'x' is already defined in graph 'g'");
  }

  @Test
  void refusesAnInitializerWhoseDimensionsDoNotHoldItsValues() {
    assertThatThrownBy(() -> new OnnxGraphBuilder("g").initializer("w", new float[5], 2, 3))
        .hasMessage("initializer 'w' has 5 values but dimensions [2, 3] hold 6");
  }

  @Test
  void generatedNamesNeverCollide() {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("g");
    String x = graph.input("x", DataType.FLOAT, Dim.fixed(1));
    String a = graph.node("Relu", List.of(x));
    String b = graph.node("Relu", List.of(a));

    assertThat(a).isNotEqualTo(b).startsWith("relu_");
    assertThat(graph.freshName("relu")).isNotIn(a, b);
  }

  private static OnnxGraphBuilder identity() {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("identity");
    String x = graph.input("x", DataType.FLOAT, Dim.symbolic("batch"), Dim.fixed(3));
    String y = graph.nodeTo("y", "Identity", List.of(x));
    return graph.output(y, DataType.FLOAT, Dim.symbolic("batch"), Dim.fixed(3));
  }
}
