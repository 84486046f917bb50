package io.vigil.inference.onnx;

/**
 * One dimension of a declared graph input or output: fixed ({@code 4}) or symbolic ({@code
 * "batch"}), the latter left to the caller at run time.
 *
 * @param value the size of a fixed dimension; -1 for a symbolic one
 * @param symbol the name of a symbolic dimension; null for a fixed one
 */
public record Dim(long value, String symbol) {

  /** Checks that exactly one of value and symbol is given. */
  public Dim {
    if (symbol == null ? value < 0 : value != -1 || symbol.isBlank()) {
      throw new IllegalArgumentException(
          "dimension (" + value + ", " + symbol + "): expected a size >= 0 or a non-blank name");
    }
  }

  /** Returns a fixed dimension. */
  public static Dim fixed(long value) {
    return new Dim(value, null);
  }

  /** Returns a symbolic dimension named {@code symbol}. */
  public static Dim symbolic(String symbol) {
    return new Dim(-1, symbol);
  }
}
