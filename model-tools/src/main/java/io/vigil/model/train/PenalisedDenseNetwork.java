package io.vigil.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.vigil.inference.onnx.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense autoencoder over the flattened window whose training objective adds a penalty: the layers
 * of {@link DenseNetwork} (encoder layers of the hidden sizes, the code, the mirrored decoder, a
 * linear output of {@code W*F}), with the kind deciding the code and the penalty. The block returns
 * the reconstruction and, second, each window's penalty already multiplied by {@link
 * TrainingOptions#penalty()} (λ or β below); {@link AutoencoderTrainer} adds its mean to the
 * reconstruction loss.
 *
 * <ul>
 *   <li>{@link ModelKind#SPARSE}: the code has the activation; penalty {@code λ · mean_j |h_j|},
 *       the mean absolute activity of the code's units (L1).
 *   <li>{@link ModelKind#CONTRACTIVE}: the code has the activation; penalty {@code λ · ‖∂h/∂x‖²_F},
 *       the squared Frobenius norm of the Jacobian of the code with respect to the (standardised,
 *       flattened) window. It is computed exactly, in closed form, not by double back-propagation
 *       (DJL's gradient collector does not expose {@code create_graph}): with {@code D_l} the
 *       diagonal of the activation's derivative at layer l (read off its output: {@code 1 - y²} for
 *       tanh, {@code y(1 - y)} for the sigmoid, {@code y > 0} for ReLU), {@code J = D_m W_m ... D_1
 *       W_1}, multiplied from the code's side so the largest product is {@code [n, L, W*F]}. Plain
 *       tensor ops, so the first-order gradient of the penalty is torch's ordinary backward pass.
 *   <li>{@link ModelKind#VAE}: two linear heads give the code's mean μ and log-variance; in
 *       training the decoder reads {@code z = μ + exp(logvar / 2) · ε} with {@code ε ~ N(0, I)}
 *       from the engine's seeded generator, in inference {@code z = μ}. Penalty {@code β · KL(N(μ,
 *       σ²) ‖ N(0, I)) / (W·F)}: per value of the window, like the reconstruction loss, so that
 *       with the MSE loss the objective is the negative ELBO of a Gaussian decoder of variance 1/2
 *       (β 1). The KL term depends on μ and σ only, so validation (no sampling) measures it too.
 * </ul>
 *
 * <p>The exported graph is the deterministic path: encoder, code (for the VAE its mean head, no
 * activation), decoder, output, the same {@link io.vigil.inference.onnx.DenseAutoencoder} a dense
 * model has; the penalties only shape training. Dropout, when asked, follows each hidden layer (not
 * the code); the contractive kind refuses it (see {@link TrainingOptions}).
 */
public final class PenalisedDenseNetwork implements Network {
  private final ModelKind kind;
  private final int window;
  private final int features;
  private final PenalisedBlock block;

  private PenalisedDenseNetwork(TrainingOptions options, int window, int features) {
    if (!options.kind().penalised()) {
      throw new IllegalArgumentException(
          "a penalised dense network is vae, sparse or contractive, found " + options.kind().id());
    }
    this.kind = options.kind();
    this.window = window;
    this.features = features;
    this.block = new PenalisedBlock(options, window * features);
  }

  /**
   * Builds the network for windows of W rows of F channels.
   *
   * @param options the kind (vae, sparse or contractive), layer sizes, activation, dropout and
   *     penalty weight
   * @param window W
   * @param features F
   * @return the untrained network
   */
  public static PenalisedDenseNetwork create(TrainingOptions options, int window, int features) {
    return new PenalisedDenseNetwork(options, window, features);
  }

  @Override
  public ModelKind kind() {
    return kind;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public int window() {
    return window;
  }

  @Override
  public int features() {
    return features;
  }

  /** The code of the exported path: for the VAE its mean. */
  @Override
  public NDArray encode(ParameterStore store, NDArray windows) {
    NDArray h = windows;
    for (Layer layer : block.encoder) {
      h = layer.apply(store, h, false);
    }
    return block.code.apply(store, h, false);
  }

  @Override
  public Shape inputShape(long batch) {
    return new Shape(batch, (long) window * features);
  }

  /**
   * Returns the trained layers of the exported, deterministic path, input to output: encoder, code
   * (the VAE's mean head), decoder, the linear output.
   */
  public List<LinearWeights> weights() {
    List<LinearWeights> weights = new ArrayList<>();
    for (Layer layer : block.encoder) {
      weights.add(layer.weights());
    }
    weights.add(block.code.weights());
    for (Layer layer : block.decoder) {
      weights.add(layer.weights());
    }
    weights.add(block.output.weights());
    return weights;
  }

  /**
   * Returns the VAE's log-variance head, which the export leaves out (it only matters when
   * sampling).
   *
   * @throws IllegalStateException for the other kinds, which have none
   */
  public LinearWeights logVarianceWeights() {
    if (block.logVariance == null) {
      throw new IllegalStateException(kind.id() + " has no log-variance head, only vae has one");
    }
    return block.logVariance.weights();
  }

  /** One fully connected layer's parameters, {@code weight [out, in]} and {@code bias [out]}. */
  private record Layer(
      int inputs, int outputs, Activation activation, Parameter weight, Parameter bias) {

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
      Device device = x.getDevice();
      NDArray y =
          Linear.linear(
                  x,
                  store.getValue(weight, device, training),
                  store.getValue(bias, device, training))
              .singletonOrThrow();
      return switch (activation) {
        case NONE -> y;
        case TANH -> y.tanh();
        case RELU -> ai.djl.nn.Activation.relu(y);
        case SIGMOID -> ai.djl.nn.Activation.sigmoid(y);
      };
    }

    /** The activation's derivative at each unit, from the layer's output {@code y}. */
    NDArray derivative(NDArray y) {
      return switch (activation) {
        case TANH -> y.square().neg().add(1);
        case SIGMOID -> y.mul(y.neg().add(1));
        case RELU -> y.gt(0).toType(y.getDataType(), false);
        case NONE -> y.onesLike();
      };
    }

    LinearWeights weights() {
      return new LinearWeights(
          inputs,
          outputs,
          weight.getArray().toFloatArray(),
          bias.getArray().toFloatArray(),
          activation);
    }
  }

  /** The DJL block: the layers as parameters of one block, the forward pass and the penalty. */
  private static final class PenalisedBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelKind kind;
    private final double weight;
    private final float dropout;
    private final int size;
    private final List<Layer> encoder = new ArrayList<>();
    private final Layer code;
    private final Layer logVariance;
    private final List<Layer> decoder = new ArrayList<>();
    private final Layer output;

    PenalisedBlock(TrainingOptions options, int size) {
      super(VERSION);
      this.kind = options.kind();
      this.weight = options.penalty();
      this.dropout = (float) options.dropout();
      this.size = size;
      Activation activation = options.activation();
      List<Integer> hidden = options.hidden();
      int inputs = size;
      for (int k = 0; k < hidden.size(); k++) {
        encoder.add(layer("encoder" + k, inputs, hidden.get(k), activation));
        inputs = hidden.get(k);
      }
      boolean vae = kind == ModelKind.VAE;
      // The VAE's code is a Gaussian's mean: linear, like its log-variance.
      code =
          layer(
              vae ? "mean" : "code", inputs, options.latent(), vae ? Activation.NONE : activation);
      logVariance = vae ? layer("log_variance", inputs, options.latent(), Activation.NONE) : null;
      inputs = options.latent();
      for (int k = hidden.size() - 1; k >= 0; k--) {
        decoder.add(layer("decoder" + k, inputs, hidden.get(k), activation));
        inputs = hidden.get(k);
      }
      output = layer("output", inputs, size, Activation.NONE);
    }

    private Layer layer(String name, int inputs, int outputs, Activation activation) {
      Parameter w =
          addParameter(
              Parameter.builder()
                  .setName(name + "_weight")
                  .setType(Parameter.Type.WEIGHT)
                  .optShape(new Shape(outputs, inputs))
                  .build());
      Parameter b =
          addParameter(
              Parameter.builder()
                  .setName(name + "_bias")
                  .setType(Parameter.Type.BIAS)
                  .optShape(new Shape(outputs))
                  .build());
      return new Layer(inputs, outputs, activation, w, b);
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray x = inputs.singletonOrThrow();
      List<NDArray> encoded = new ArrayList<>();
      NDArray h = x;
      for (Layer layer : encoder) {
        h = layer.apply(store, h, training);
        encoded.add(h);
        h = drop(h, training);
      }
      NDArray c = code.apply(store, h, training);
      NDArray penalty;
      NDArray z = c;
      if (kind == ModelKind.VAE) {
        NDArray logVar = logVariance.apply(store, h, training);
        if (training) {
          NDArray epsilon = c.getManager().randomNormal(0, 1, c.getShape(), c.getDataType());
          z = c.add(logVar.mul(0.5).exp().mul(epsilon));
        }
        // KL(N(μ, σ²) || N(0, I)) = -1/2 Σ (1 + log σ² - μ² - σ²), per window.
        NDArray kl = logVar.add(1).sub(c.square()).sub(logVar.exp()).sum(new int[] {1}).mul(-0.5);
        penalty = kl.mul(weight / size);
      } else if (kind == ModelKind.SPARSE) {
        penalty = c.abs().mean(new int[] {1}).mul(weight);
      } else {
        encoded.add(c);
        penalty = jacobianNorm(store, encoded, x, training).mul(weight);
      }
      NDArray d = z;
      for (Layer layer : decoder) {
        d = drop(layer.apply(store, d, training), training);
      }
      return new NDList(output.apply(store, d, training), penalty);
    }

    /**
     * {@code ‖J‖²_F} per window, {@code J = D_m W_m ... D_1 W_1} over the encoder layers and the
     * code, from the outputs of each.
     */
    private NDArray jacobianNorm(
        ParameterStore store, List<NDArray> outputs, NDArray x, boolean training) {
      List<Layer> layers = new ArrayList<>(encoder);
      layers.add(code);
      Device device = x.getDevice();
      NDArray jacobian = null;
      for (int l = layers.size() - 1; l >= 0; l--) {
        Layer layer = layers.get(l);
        NDArray w = store.getValue(layer.weight(), device, training);
        // [n, out_l] as [n, 1, out_l] scales the columns of J_so_far [n, L, out_l].
        NDArray slope = layer.derivative(outputs.get(l));
        jacobian =
            jacobian == null
                ? slope.expandDims(2).mul(w)
                : jacobian.mul(slope.expandDims(1)).matMul(w);
      }
      return jacobian.square().sum(new int[] {1, 2});
    }

    private NDArray drop(NDArray x, boolean training) {
      return dropout > 0 ? Dropout.dropout(x, dropout, training).singletonOrThrow() : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      long batch = inputShapes[0].get(0);
      return new Shape[] {new Shape(batch, size), new Shape(batch)};
    }
  }
}
