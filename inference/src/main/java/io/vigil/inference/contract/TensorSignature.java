package io.vigil.inference.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model declares for one of its inputs or outputs, independent of the runtime that read it:
 * the contract is checked against these, so the checks run without a native library.
 *
 * @param name the input or output name
 * @param valueKind {@code tensor}, or what it is instead ({@code sequence}, {@code map}, ...)
 * @param elementType the ONNX element type name for a tensor ({@code FLOAT}, {@code INT64}, ...)
 * @param dims the declared dimensions; {@link #SYMBOLIC} for a symbolic or unknown one
 */
public record TensorSignature(String name, String valueKind, String elementType, List<Long> dims) {

  /** The value of a symbolic (named or unknown) dimension in {@link #dims}. */
  public static final long SYMBOLIC = -1L;

  /** The value kind of a tensor. */
  public static final String TENSOR = "tensor";

  /** Copies the dimensions. */
  public TensorSignature {
    dims = List.copyOf(dims);
  }

  /**
   * Describes a tensor.
   *
   * @param name the input or output name
   * @param elementType the ONNX element type name, e.g. {@code FLOAT}
   * @param dims the dimensions, {@link #SYMBOLIC} for a symbolic one
   * @return the signature
   */
  public static TensorSignature tensor(String name, String elementType, long... dims) {
    List<Long> list = new ArrayList<>(dims.length);
    for (long dim : dims) {
      list.add(dim);
    }
    return new TensorSignature(name, TENSOR, elementType, list);
  }

  /** Returns whether this is a tensor (not a sequence or map). */
  public boolean isTensor() {
    return TENSOR.equals(valueKind);
  }

  /** Returns the number of dimensions. */
  public int rank() {
    return dims.size();
  }

  /** Returns the dimensions as written in messages, {@code ?} for a symbolic one. */
  public String shapeText() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < dims.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(dims.get(i) == SYMBOLIC ? "?" : dims.get(i));
    }
    return text.append(']').toString();
  }
}
