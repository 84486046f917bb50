package io.vigil.inference.runtime;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.vigil.inference.contract.ModelSignature;
import io.vigil.inference.contract.TensorSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates what ONNX Runtime reports about a session into the contract's {@link ModelSignature}.
 */
final class Signatures {
  /** ONNX Runtime's element type names carry this prefix; messages use the ONNX name alone. */
  private static final String TYPE_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

  private Signatures() {}

  static ModelSignature of(OrtSession session) throws OrtException {
    return new ModelSignature(
        tensors(session.getInputInfo()),
        tensors(session.getOutputInfo()),
        session.getMetadata().getCustomMetadata());
  }

  private static Map<String, TensorSignature> tensors(Map<String, NodeInfo> nodes) {
    Map<String, TensorSignature> signatures = new LinkedHashMap<>();
    nodes.forEach((name, node) -> signatures.put(name, signature(name, node.getInfo())));
    return signatures;
  }

  private static TensorSignature signature(String name, ValueInfo info) {
    if (info instanceof TensorInfo tensor) {
      List<Long> dims = new ArrayList<>();
      // ONNX Runtime reports a symbolic or unknown dimension as -1, like TensorSignature.
      for (long dim : tensor.getShape()) {
        dims.add(dim < 0 ? TensorSignature.SYMBOLIC : dim);
      }
      String type = tensor.onnxType.name();
      if (type.startsWith(TYPE_PREFIX)) {
        type = type.substring(TYPE_PREFIX.length());
      }
      return new TensorSignature(name, TensorSignature.TENSOR, type, dims);
    }
    String kind =
        info instanceof SequenceInfo ? "sequence" : info instanceof MapInfo ? "map" : "non-tensor";
    return new TensorSignature(name, kind, "", List.of());
  }
}
