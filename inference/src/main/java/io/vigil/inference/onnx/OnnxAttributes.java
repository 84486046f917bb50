package io.vigil.inference.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import com.google.protobuf.ByteString;

/** Factories for the node attributes the builders use (ints, an int, a float, a string). */
public final class OnnxAttributes {
  private OnnxAttributes() {}

  /** Returns an {@code INTS} attribute, e.g. {@code axes}. */
  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder attribute =
        AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long value : values) {
      attribute.addInts(value);
    }
    return attribute.build();
  }

  /** Returns an {@code INT} attribute, e.g. {@code keepdims} or {@code axis}. */
  public static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
  }

  /** Returns a {@code FLOAT} attribute, e.g. {@code alpha}. */
  public static AttributeProto floating(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  /** Returns a {@code STRING} attribute, e.g. {@code mode}. */
  public static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value))
        .build();
  }
}
