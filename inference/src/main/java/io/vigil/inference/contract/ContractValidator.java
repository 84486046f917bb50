package io.vigil.inference.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@link ModelSignature} against the model contract: input and output names, element
 * types, ranks, the fixed dimensions against the metadata's W and F, and the metadata itself. Every
 * problem is collected, so one refusal lists all that is wrong.
 */
public final class ContractValidator {
  private static final String FLOAT = "FLOAT";
  private static final String[] ROLES_3 = {"batch", "window", "features"};
  private static final String[] ROLES_2 = {"batch", "features"};
  private static final String[] ROLES_LATENT = {"batch", "code"};
  private static final String[] ROLES_1 = {"batch"};

  private ContractValidator() {}

  /**
   * Validates a model.
   *
   * @param source the model path or name, for messages
   * @param signature what the runtime reports about the model
   * @return the model's metadata, when the model honours the contract
   * @throws ModelContractException listing every problem found
   */
  public static ModelMetadata validate(String source, ModelSignature signature) {
    List<String> problems = new ArrayList<>();
    MetadataReader reader = new MetadataReader(signature.metadata());
    ModelMetadata metadata = reader.read();
    // -1 (unknown) when the metadata could not be read: the shape checks then skip W and F.
    long window = metadata == null ? TensorSignature.SYMBOLIC : metadata.window();
    long features = metadata == null ? TensorSignature.SYMBOLIC : metadata.featureCount();

    checkInputs(signature.inputs(), window, features, problems);
    checkOutputs(signature.outputs(), window, features, problems);
    problems.addAll(reader.problems());
    if (!problems.isEmpty()) {
      throw new ModelContractException(source, problems);
    }
    return metadata;
  }

  private static void checkInputs(
      Map<String, TensorSignature> inputs, long window, long features, List<String> problems) {
    for (String name : inputs.keySet()) {
      if (!ModelContract.INPUTS.contains(name)) {
        problems.add("unknown input '" + name + "', expected one of " + ModelContract.INPUTS);
      }
    }
    TensorSignature input = inputs.get(ModelContract.INPUT_WINDOW);
    if (input == null) {
      problems.add(
          "missing input '"
              + ModelContract.INPUT_WINDOW
              + "' (float32 [batch, W, F]), found inputs "
              + inputs.keySet());
      return;
    }
    checkTensor("input", input, ROLES_3, new long[] {0, window, features}, problems);
  }

  private static void checkOutputs(
      Map<String, TensorSignature> outputs, long window, long features, List<String> problems) {
    TensorSignature reconstruction = outputs.get(ModelContract.OUTPUT_RECONSTRUCTION);
    if (reconstruction == null) {
      problems.add(
          "missing output '"
              + ModelContract.OUTPUT_RECONSTRUCTION
              + "' (float32 [batch, W, F]), found outputs "
              + outputs.keySet());
    } else {
      checkTensor("output", reconstruction, ROLES_3, new long[] {0, window, features}, problems);
    }
    TensorSignature score = outputs.get(ModelContract.OUTPUT_SCORE);
    if (score != null) {
      checkTensor("output", score, ROLES_1, new long[] {0}, problems);
    }
    TensorSignature channelScores = outputs.get(ModelContract.OUTPUT_CHANNEL_SCORES);
    if (channelScores != null) {
      checkTensor("output", channelScores, ROLES_2, new long[] {0, features}, problems);
    }
    TensorSignature latent = outputs.get(ModelContract.OUTPUT_LATENT);
    if (latent != null
        && checkTensor("output", latent, ROLES_LATENT, new long[] {0, -1}, problems)
        && latent.dims().get(1) == TensorSignature.SYMBOLIC) {
      // One L per model: the embeddings of a fleet are compared with each other, and a file of
      // them has one column per code value.
      problems.add(
          "output '"
              + latent.name()
              + "' dimension 1 (code) is symbolic "
              + latent.shapeText()
              + ", expected a fixed code size L [batch, L]");
    }
  }

  /**
   * Checks one tensor. {@code expected[0]} is ignored: dimension 0 is the batch and must be
   * symbolic, so that Vigil can send micro-batches of any size up to its limit. A later expected
   * dimension of -1 (unknown metadata) matches anything.
   *
   * @return whether the tensor has the expected kind and rank (its dimensions can be read)
   */
  private static boolean checkTensor(
      String what, TensorSignature tensor, String[] roles, long[] expected, List<String> problems) {
    String label = what + " '" + tensor.name() + "'";
    String expectedShape = "[" + String.join(", ", shapeNames(roles)) + "]";
    if (!tensor.isTensor()) {
      problems.add(
          label + " is a " + tensor.valueKind() + ", expected a float32 tensor " + expectedShape);
      return false;
    }
    if (!FLOAT.equals(tensor.elementType())) {
      problems.add(label + " has element type " + tensor.elementType() + ", expected " + FLOAT);
    }
    if (tensor.rank() != roles.length) {
      problems.add(
          label
              + " has rank "
              + tensor.rank()
              + " "
              + tensor.shapeText()
              + ", expected rank "
              + roles.length
              + " "
              + expectedShape);
      return false;
    }
    long batch = tensor.dims().get(0);
    if (batch != TensorSignature.SYMBOLIC) {
      problems.add(
          label
              + " dimension 0 (batch) is fixed at "
              + batch
              + ", expected a symbolic batch dimension");
    }
    for (int i = 1; i < roles.length; i++) {
      long found = tensor.dims().get(i);
      if (found != TensorSignature.SYMBOLIC
          && expected[i] != TensorSignature.SYMBOLIC
          && found != expected[i]) {
        problems.add(
            label
                + " dimension "
                + i
                + " ("
                + roles[i]
                + ") is "
                + found
                + ", expected "
                + expected[i]
                + source(roles[i]));
      }
    }
    return true;
  }

  private static String source(String role) {
    return "window".equals(role)
        ? " (" + ModelContract.KEY_WINDOW + ")"
        : " (the number of names in " + ModelContract.KEY_FEATURES + ")";
  }

  private static List<String> shapeNames(String[] roles) {
    List<String> names = new ArrayList<>();
    for (String role : roles) {
      names.add(
          switch (role) {
            case "window" -> "W";
            case "features" -> "F";
            case "code" -> "L";
            default -> role;
          });
    }
    return names;
  }
}
