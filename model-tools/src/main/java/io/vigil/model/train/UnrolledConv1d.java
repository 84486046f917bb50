package io.vigil.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One 1-D convolution, {@code [n, C, L]} to {@code [n, O, ceil(L / s)]}: a cross-correlation with
 * an odd kernel k, zero padding {@code (k - 1) / 2} on each side and stride s, written out of plain
 * tensor ops. The padded input's k strided slices (one per tap) are stacked to {@code [n, k·C,
 * L_out]} and multiplied by the kernels flattened tap-major to {@code [O, k·C]}: one GEMM.
 *
 * <p>Why not DJL's {@code Conv1d}: it calls torch's convolution, which on CPU runs oneDNN, and on
 * an AVX-512 machine (DJL 0.35.1, PyTorch 2.7.1) its forward pass returned NaN once Adam had
 * changed the weights in place (batches of 32; finite weights and gradients; with batches of 2, or
 * with {@code DNNL_MAX_CPU_ISA=AVX2}, it trained normally). Here the product is torch's plain GEMM,
 * as in {@link UnrolledLstm}, and results vary between CPUs only by float rounding.
 *
 * <p>The parameters are those of DJL's {@code Conv1d}: {@code weight [O, C, k]} and {@code bias
 * [O]}, PyTorch's and ONNX's layout.
 */
final class UnrolledConv1d extends AbstractBlock {
  /** {@code [O, C, k]}. */
  static final String WEIGHT = "weight";

  /** {@code [O]}. */
  static final String BIAS = "bias";

  private static final byte VERSION = 1;

  private final int outputs;
  private final int kernel;
  private final int stride;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates the layer; the input channels come from the first input shape at initialisation.
   *
   * @param outputs O, output channels
   * @param kernel k, odd
   * @param stride s, at least 1
   */
  UnrolledConv1d(int outputs, int kernel, int stride) {
    super(VERSION);
    if (outputs < 1 || kernel < 1 || kernel % 2 == 0 || stride < 1) {
      throw new IllegalArgumentException(
          "convolution of "
              + outputs
              + " channels, kernel "
              + kernel
              + ", stride "
              + stride
              + ": expected channels and stride >= 1 and an odd kernel");
    }
    this.outputs = outputs;
    this.kernel = kernel;
    this.stride = stride;
    weight =
        addParameter(Parameter.builder().setName(WEIGHT).setType(Parameter.Type.WEIGHT).build());
    bias = addParameter(Parameter.builder().setName(BIAS).setType(Parameter.Type.BIAS).build());
  }

  /** Returns the kernel size. */
  int kernel() {
    return kernel;
  }

  /** Returns the stride. */
  int stride() {
    return stride;
  }

  private int outputLength(long length) {
    return Math.toIntExact((length - 1) / stride + 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Device device = x.getDevice();
    NDArray w = parameterStore.getValue(weight, device, training);
    NDArray b = parameterStore.getValue(bias, device, training);
    long channels = x.getShape().get(1);
    int steps = outputLength(x.getShape().get(2));
    int padding = (kernel - 1) / 2;
    NDArray padded = padding == 0 ? x : x.pad(new Shape(padding, padding), 0);
    NDList taps = new NDList(kernel);
    for (int t = 0; t < kernel; t++) {
      taps.add(padded.get(new NDIndex(":, :, {}:{}:{}", t, t + (steps - 1) * stride + 1, stride)));
    }
    // [n, k·C, L_out], tap-major; the kernels [O, C, k] -> [O, k, C] -> [O, k·C] to match.
    NDArray columns = NDArrays.concat(taps, 1);
    NDArray kernels = w.transpose(0, 2, 1).reshape(outputs, kernel * channels);
    return new NDList(kernels.matMul(columns).add(b.reshape(outputs, 1)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape input = inputShapes[0];
    return new Shape[] {new Shape(input.get(0), outputs, outputLength(input.get(2)))};
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    Shape input = inputShapes[0];
    if (input.dimension() != 3) {
      throw new IllegalArgumentException(
          "a 1-D convolution reads [batch, channels, time], found shape " + input);
    }
    weight.setShape(new Shape(outputs, input.get(1), kernel));
    bias.setShape(new Shape(outputs));
  }
}
