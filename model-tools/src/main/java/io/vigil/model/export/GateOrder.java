package io.vigil.model.export;

import java.util.Arrays;

/**
 * Where each of ONNX's four LSTM gate blocks comes from in the source layout. ONNX reads the blocks
 * of {@code W}, {@code R} and {@code B} as {@code (i, o, f, c)}; PyTorch writes them as {@code (i,
 * f, g, o)} (g is the cell candidate, ONNX's c). A wrong order still loads and runs — it silently
 * computes another network — so the parity tests prove that {@link #PYTORCH_TO_ONNX} is right and
 * that another order is caught.
 *
 * @param sourceBlocks {@code sourceBlocks[k]} is the source block that becomes ONNX block k
 */
public record GateOrder(int[] sourceBlocks) {

  /**
   * PyTorch's (i, f, g, o) to ONNX's (i, o, f, c): ONNX block k takes PyTorch block [0,3,1,2][k].
   */
  public static final GateOrder PYTORCH_TO_ONNX = new GateOrder(new int[] {0, 3, 1, 2});

  /** Checks that the blocks are a permutation of 0..3. */
  public GateOrder {
    int[] sorted = sourceBlocks.clone();
    Arrays.sort(sorted);
    if (!Arrays.equals(sorted, new int[] {0, 1, 2, 3})) {
      throw new IllegalArgumentException(
          "gate order "
              + Arrays.toString(sourceBlocks)
              + ", expected a permutation of [0, 1, 2, 3]");
    }
    sourceBlocks = sourceBlocks.clone();
  }

  /**
   * Returns a gate order; e.g. {@code of(0, 1, 2, 3)} copies the blocks unchanged.
   *
   * @param sourceBlocks the source block of each ONNX block
   * @return the order
   */
  public static GateOrder of(int... sourceBlocks) {
    return new GateOrder(sourceBlocks);
  }

  /**
   * Reorders the gate blocks of a {@code [4*hidden][columns]} matrix (or, with one column, a bias).
   *
   * @param values row-major, source gate order
   * @param hidden rows per gate block
   * @param columns values per row
   * @return a new array in ONNX gate order
   */
  public float[] reorder(float[] values, int hidden, int columns) {
    int block = hidden * columns;
    if (values.length != 4 * block) {
      throw new IllegalArgumentException(
          values.length + " values, expected 4 gate blocks of " + hidden + "x" + columns);
    }
    float[] out = new float[values.length];
    for (int k = 0; k < 4; k++) {
      System.arraycopy(values, sourceBlocks[k] * block, out, k * block, block);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GateOrder other && Arrays.equals(sourceBlocks, other.sourceBlocks);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sourceBlocks);
  }

  @Override
  public String toString() {
    return "GateOrder" + Arrays.toString(sourceBlocks);
  }
}
