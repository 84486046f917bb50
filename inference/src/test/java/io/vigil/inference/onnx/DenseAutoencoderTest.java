package io.vigil.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.vigil.inference.contract.ModelMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseAutoencoderTest {

  @Test
  void layersMustChain() {
    DenseLayer encoder = layer(4, 2, Activation.RELU);
    DenseLayer wrong = layer(3, 4, Activation.NONE);

    assertThatThrownBy(() -> new DenseAutoencoder(List.of(encoder, wrong)))
        .hasMessage("dense layer 1 has 3 inputs, expected 2 (the outputs of layer 0)");
  }

  @Test
  void theLastLayerMustReconstructTheInputSize() {
    assertThatThrownBy(() -> new DenseAutoencoder(List.of(layer(4, 2, Activation.TANH))))
        .hasMessage(
            "the last dense layer has 2 outputs, expected 4 (the autoencoder's input size)");
  }

  @Test
  void sizeMustBeWindowTimesFeatures() {
    DenseAutoencoder autoencoder =
        new DenseAutoencoder(List.of(layer(6, 2, Activation.TANH), layer(2, 6, Activation.NONE)));

    assertThatThrownBy(() -> ContractGraphs.dense(metadata(2, 2), autoencoder))
        .hasMessage("dense autoencoder size is 6, expected W*F = 2*2 = 4");
  }

  @Test
  void aLinearAutoencoderHasNoActivationNodes() {
    DenseAutoencoder linear =
        new DenseAutoencoder(List.of(layer(4, 1, Activation.NONE), layer(1, 4, Activation.NONE)));

    ModelProto model = ContractGraphs.dense(metadata(2, 2), linear);

    assertThat(model.getGraph().getNodeList())
        .extracting(NodeProto::getOpType)
        .doesNotContain("Tanh", "Relu", "Sigmoid")
        .contains("Flatten", "MatMul", "Add", "Reshape", "ReduceMean");
    assertThat(model.getGraph().getOutputList())
        .extracting(ValueInfoProto::getName)
        .containsExactly("reconstruction", "score", "channel_scores", "latent");
  }

  @Test
  void theLatentOutputIsTheCodeLayersOutputOfFixedSize() {
    DenseAutoencoder mirrored =
        new DenseAutoencoder(
            List.of(
                layer(4, 3, Activation.TANH),
                layer(3, 2, Activation.TANH),
                layer(2, 3, Activation.TANH),
                layer(3, 4, Activation.NONE)));

    ModelProto model = ContractGraphs.dense(metadata(2, 2), mirrored);

    assertThat(mirrored.codeLayer()).isEqualTo(1);
    ValueInfoProto latent = model.getGraph().getOutput(3);
    assertThat(latent.getName()).isEqualTo("latent");
    assertThat(latent.getType().getTensorType().getShape().getDim(1).getDimValue()).isEqualTo(2);
  }

  @Test
  void weightsAreCopiedAndKeptInMatMulOrientation() {
    float[][] weights = {{1, 2}, {3, 4}};
    DenseLayer layer = new DenseLayer(weights, new float[] {0, 0}, Activation.NONE);
    weights[0][1] = 99;

    assertThat(layer.weight(0, 1)).isEqualTo(2f);
    assertThat(layer.weight(1, 0)).isEqualTo(3f);
  }

  private static DenseLayer layer(int in, int out, Activation activation) {
    return new DenseLayer(new float[in][out], new float[out], activation);
  }

  private static ModelMetadata metadata(int window, int features) {
    List<String> names = features == 2 ? List.of("a", "b") : List.of("a");
    return new ModelMetadata("m", "1", "dense", names, window, 1, null, 1.0, "{\"seed\":1}");
  }
}
