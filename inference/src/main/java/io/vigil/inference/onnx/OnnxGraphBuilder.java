package io.vigil.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX model one node at a time, in topological order: declare the inputs, add
 * initializers and nodes, declare the outputs, then {@link #build}. Each node has one output, named
 * by the caller or generated; a node may only read values already defined, so mistakes fail here
 * with the name at fault rather than later in ONNX Runtime.
 *
 * <p>The model is pinned to {@link #IR_VERSION} and default-domain opset {@link #OPSET} (see the
 * package documentation for why). Not thread-safe; one builder per model.
 */
public final class OnnxGraphBuilder {
  /** ONNX IR version written into every model: 8, that of ONNX 1.10 to 1.12. */
  public static final long IR_VERSION = 8;

  /** Default-domain ({@code ai.onnx}) opset written into every model. */
  public static final long OPSET = 17;

  /** The {@code producer_name} of every model. */
  public static final String PRODUCER = "vigil";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> defined = new HashSet<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private String docString = "";
  private int nodeCount;
  private String scope = "";

  /**
   * Starts a model.
   *
   * @param graphName the graph's name, e.g. the model id
   */
  public OnnxGraphBuilder(String graphName) {
    graph.setName(graphName);
  }

  /**
   * Declares a graph input.
   *
   * @param name the input name
   * @param type the element type
   * @param dims the dimensions, fixed or symbolic
   * @return {@code name}, for chaining into nodes
   */
  public String input(String name, DataType type, Dim... dims) {
    define(name);
    graph.addInput(valueInfo(name, type, dims));
    return name;
  }

  /**
   * Declares a graph output; the value must already be defined.
   *
   * @param name the name of a defined value, e.g. a node output
   * @param type the element type
   * @param dims the dimensions, fixed or symbolic
   * @return this builder
   */
  public OnnxGraphBuilder output(String name, DataType type, Dim... dims) {
    requireDefined(name, "graph output");
    graph.addOutput(valueInfo(name, type, dims));
    return this;
  }

  /**
   * Adds a float32 constant (weights, biases, scaler), stored as little-endian raw data.
   *
   * @param name the initializer name, prefixed by the current {@link #scoped} prefix; must be new
   * @param values the values, row-major
   * @param dims the dimensions; their product must equal {@code values.length}
   * @return the name given to the initializer
   */
  public String initializer(String name, float[] values, long... dims) {
    String scoped = scope + name;
    requireCount(scoped, values.length, dims);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    return addInitializer(scoped, DataType.FLOAT, bytes, dims);
  }

  /**
   * Adds an int64 constant (shapes, indices), stored as little-endian raw data.
   *
   * @param name the initializer name, prefixed by the current {@link #scoped} prefix; must be new
   * @param values the values, row-major
   * @param dims the dimensions; their product must equal {@code values.length}
   * @return the name given to the initializer
   */
  public String initializer(String name, long[] values, long... dims) {
    String scoped = scope + name;
    requireCount(scoped, values.length, dims);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values);
    return addInitializer(scoped, DataType.INT64, bytes, dims);
  }

  /**
   * Adds a default-domain node whose single output gets a generated name.
   *
   * @param opType the operator, e.g. {@code MatMul}
   * @param inputs the names of defined values ({@code ""} for an omitted optional input)
   * @param attributes the node's attributes
   * @return the generated output name
   */
  public String node(String opType, List<String> inputs, AttributeProto... attributes) {
    return nodeTo(freshName(opType.toLowerCase(Locale.ROOT)), opType, inputs, attributes);
  }

  /**
   * Adds a default-domain node whose single output has the given name, e.g. a graph output.
   *
   * @param output the output name; must be new
   * @param opType the operator, e.g. {@code Add}
   * @param inputs the names of defined values ({@code ""} for an omitted optional input)
   * @param attributes the node's attributes
   * @return {@code output}
   */
  public String nodeTo(
      String output, String opType, List<String> inputs, AttributeProto... attributes) {
    for (String input : inputs) {
      if (!input.isEmpty()) {
        requireDefined(input, opType + " node input");
      }
    }
    define(output);
    NodeProto.Builder node =
        NodeProto.newBuilder()
            .setName("n" + nodeCount++ + "_" + opType)
            .setOpType(opType)
            .addAllInput(inputs)
            .addOutput(output);
    for (AttributeProto attribute : attributes) {
      node.addAttribute(attribute);
    }
    graph.addNode(node);
    return output;
  }

  /**
   * Builds part of the graph with every initializer name prefixed: the members of an ensemble are
   * built by the same code, whose initializer names ({@code dense0_weight}, ...) would otherwise
   * collide. Scopes nest.
   *
   * @param prefix the prefix, e.g. {@code member1_}
   * @param part what builds the part
   * @return what {@code part} returned
   */
  public <T> T scoped(String prefix, java.util.function.Supplier<T> part) {
    String outer = scope;
    scope = outer + prefix;
    try {
      return part.get();
    } finally {
      scope = outer;
    }
  }

  /**
   * Returns a name not yet used in the graph, {@code hint_k}; for bodies that need a name before
   * the node exists.
   *
   * @param hint a readable prefix
   * @return a fresh name
   */
  public String freshName(String hint) {
    String name = hint + "_" + defined.size();
    for (int k = defined.size() + 1; defined.contains(name); k++) {
      name = hint + "_" + k;
    }
    return name;
  }

  /**
   * Adds a {@code metadata_props} entry; a later value for the same key replaces the earlier.
   *
   * @param key the key
   * @param value the value
   * @return this builder
   */
  public OnnxGraphBuilder metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /**
   * Adds {@code metadata_props} entries, in the map's order.
   *
   * @param entries the entries
   * @return this builder
   */
  public OnnxGraphBuilder metadata(Map<String, String> entries) {
    metadata.putAll(entries);
    return this;
  }

  /**
   * Sets the model's doc string, a human-readable description.
   *
   * @param text the description
   * @return this builder
   */
  public OnnxGraphBuilder docString(String text) {
    this.docString = text;
    return this;
  }

  /** Returns the model: IR version, opset, producer, doc string, graph and metadata. */
  public ModelProto build() {
    if (graph.getOutputCount() == 0) {
      throw new IllegalStateException("graph '" + graph.getName() + "' declares no output");
    }
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setProducerName(PRODUCER)
            .setDocString(docString)
            .setGraph(graph.build());
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  /**
   * Writes a model to a file, replacing it.
   *
   * @param model the model
   * @param path where to write it, conventionally {@code *.onnx}
   * @throws IOException if the file cannot be written
   */
  public static void write(ModelProto model, Path path) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      model.writeTo(out);
    }
  }

  private String addInitializer(String name, DataType type, ByteBuffer bytes, long... dims) {
    define(name);
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(type.getNumber())
            .setRawData(ByteString.copyFrom(bytes.array()));
    for (long dim : dims) {
      tensor.addDims(dim);
    }
    graph.addInitializer(tensor);
    return name;
  }

  private static ValueInfoProto valueInfo(String name, DataType type, Dim... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Dim dim : dims) {
      TensorShapeProto.Dimension.Builder d = shape.addDimBuilder();
      if (dim.symbol() == null) {
        d.setDimValue(dim.value());
      } else {
        d.setDimParam(dim.symbol());
      }
    }
    TypeProto.Tensor.Builder tensor =
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape);
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }

  private void define(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a value name must be non-empty");
    }
    if (!defined.add(name)) {
      throw new IllegalArgumentException(
          "value '" + name + "' is already defined in graph '" + graph.getName() + "'");
    }
  }

  private void requireDefined(String name, String use) {
    if (!defined.contains(name)) {
      throw new IllegalArgumentException(
          use + " '" + name + "' is not defined yet in graph '" + graph.getName() + "'");
    }
  }

  private static void requireCount(String name, int count, long... dims) {
    long product = 1;
    for (long dim : dims) {
      product *= dim;
    }
    if (product != count) {
      throw new IllegalArgumentException(
          "initializer '"
              + name
              + "' has "
              + count
              + " values but dimensions "
              + Arrays.toString(dims)
              + " hold "
              + product);
    }
  }
}
