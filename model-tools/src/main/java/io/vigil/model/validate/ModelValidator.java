package io.vigil.model.validate;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vigil.inference.InferenceException;
import io.vigil.inference.contract.ModelContractException;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates a model file exactly as the stream app loads it: {@link OnnxModel#load} on the CPU
 * provider checks the contract's input and output names, types and shapes against the metadata,
 * reads every metadata key, and scores a probe batch. Any refusal is turned into the list of
 * problems it gave.
 */
public final class ModelValidator {
  private static final InferenceSettings CPU = new InferenceSettings(ExecutionProvider.CPU, 1, 8);

  private ModelValidator() {}

  /**
   * Validates a file.
   *
   * @param path the {@code .onnx} file
   * @return the report; never throws for a bad model
   */
  public static ValidationReport validate(Path path) {
    String source = path.toString();
    if (!Files.isRegularFile(path)) {
      return refused(source, List.of("no such file"), 0, 0, "");
    }
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(Files.readAllBytes(path));
    } catch (InvalidProtocolBufferException e) {
      return refused(source, List.of("not an ONNX model: " + e.getMessage()), 0, 0, "");
    } catch (IOException e) {
      return refused(source, List.of("cannot be read: " + e.getMessage()), 0, 0, "");
    }
    long opset =
        proto.getOpsetImportList().stream()
            .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
            .mapToLong(OperatorSetIdProto::getVersion)
            .findFirst()
            .orElse(0);
    try (OnnxModel model = OnnxModel.load(path, CPU)) {
      return new ValidationReport(
          source,
          model.metadata(),
          List.of(),
          proto.getIrVersion(),
          opset,
          proto.getProducerName());
    } catch (ModelContractException e) {
      return refused(source, e.problems(), proto.getIrVersion(), opset, proto.getProducerName());
    } catch (InferenceException e) {
      return refused(
          source, List.of(e.getMessage()), proto.getIrVersion(), opset, proto.getProducerName());
    }
  }

  private static ValidationReport refused(
      String source, List<String> problems, long ir, long opset, String producer) {
    return new ValidationReport(source, null, problems, ir, opset, producer);
  }
}
