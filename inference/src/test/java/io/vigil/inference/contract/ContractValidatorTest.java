package io.vigil.inference.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract checks alone, on signatures written by hand: no native library involved. */
class ContractValidatorTest {
  private static final long Q = TensorSignature.SYMBOLIC;

  @Test
  void acceptsAFullContractModel() {
    ModelMetadata metadata =
        ContractValidator.validate(
            "m",
            signature(
                Map.of("window", TensorSignature.tensor("window", "FLOAT", Q, 8, 2)),
                outputs(
                    TensorSignature.tensor("reconstruction", "FLOAT", Q, 8, 2),
                    TensorSignature.tensor("score", "FLOAT", Q),
                    TensorSignature.tensor("channel_scores", "FLOAT", Q, 2))));

    assertThat(metadata).isEqualTo(ModelMetadataTest.metadata());
  }

  @Test
  void acceptsExtraOutputsWhichAreNeverRequested() {
    ContractValidator.validate(
        "m",
        signature(
            Map.of("window", TensorSignature.tensor("window", "FLOAT", Q, Q, Q)),
            outputs(
                TensorSignature.tensor("reconstruction", "FLOAT", Q, Q, Q),
                TensorSignature.tensor("attention", "FLOAT", Q, 3))));
  }

  @Test
  void acceptsALatentCodeOfFixedSize() {
    ContractValidator.validate(
        "m",
        signature(
            Map.of("window", TensorSignature.tensor("window", "FLOAT", Q, 8, 2)),
            outputs(
                TensorSignature.tensor("reconstruction", "FLOAT", Q, 8, 2),
                TensorSignature.tensor("latent", "FLOAT", Q, 4))));
  }

  @Test
  void refusesALatentOfTheWrongShapeNamingWhatWasExpected() {
    assertThat(problems(TensorSignature.tensor("latent", "FLOAT", Q, 8, 2)))
        .containsExactly("output 'latent' has rank 3 [?, 8, 2], expected rank 2 [batch, L]");
    assertThat(problems(TensorSignature.tensor("latent", "FLOAT", 16, 4)))
        .containsExactly(
            "output 'latent' dimension 0 (batch) is fixed at 16, expected a symbolic batch"
                + " dimension");
    assertThat(problems(TensorSignature.tensor("latent", "FLOAT", Q, Q)))
        .containsExactly(
            "output 'latent' dimension 1 (code) is symbolic [?, ?], expected a fixed code size L"
                + " [batch, L]");
    assertThat(problems(TensorSignature.tensor("latent", "INT64", Q, 4)))
        .containsExactly("output 'latent' has element type INT64, expected FLOAT");
  }

  @Test
  void checksTheOptionalOutputsWhenPresent() {
    assertThat(
            problems(
                TensorSignature.tensor("score", "DOUBLE", Q, 1),
                new TensorSignature("channel_scores", "sequence", "", List.of())))
        .containsExactly(
            "output 'score' has element type DOUBLE, expected FLOAT",
            "output 'score' has rank 2 [?, 1], expected rank 1 [batch]",
            "output 'channel_scores' is a sequence, expected a float32 tensor [batch, F]");
  }

  /** The problems of a W=8, F=2 model with a good reconstruction and these other outputs. */
  private static List<String> problems(TensorSignature... others) {
    List<TensorSignature> all = new ArrayList<>();
    all.add(TensorSignature.tensor("reconstruction", "FLOAT", Q, 8, 2));
    all.addAll(List.of(others));
    return catchThrowableOfType(
            ModelContractException.class,
            () ->
                ContractValidator.validate(
                    "m",
                    signature(
                        Map.of("window", TensorSignature.tensor("window", "FLOAT", Q, 8, 2)),
                        outputs(all.toArray(TensorSignature[]::new)))))
        .problems();
  }

  private static Map<String, TensorSignature> outputs(TensorSignature... tensors) {
    Map<String, TensorSignature> outputs = new LinkedHashMap<>();
    for (TensorSignature tensor : tensors) {
      outputs.put(tensor.name(), tensor);
    }
    return outputs;
  }

  private static ModelSignature signature(
      Map<String, TensorSignature> inputs, Map<String, TensorSignature> outputs) {
    return new ModelSignature(inputs, outputs, ModelMetadataTest.metadata().toProperties());
  }
}
