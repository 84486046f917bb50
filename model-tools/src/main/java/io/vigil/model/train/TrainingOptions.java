package io.vigil.model.train;

import io.vigil.inference.onnx.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that shapes a training run, validated once: a bad value fails with the field, the
 * value and what is allowed. Defaults per kind come from {@link #defaults(ModelKind)}; the {@link
 * Builder} changes single fields.
 *
 * @param kind the architecture
 * @param window W, rows per window, in [2, 4096]
 * @param stride S, rows between training windows, in [1, W]
 * @param hidden encoder layer sizes, outermost first (dense: fully connected layers; LSTM: stacked
 *     LSTM layers; conv: channels of strided convolutions); the decoder mirrors them; each in [1,
 *     4096], at most 4 layers
 * @param latent the code size, in [1, 4096] (conv: the code's channels)
 * @param activation the activation of the dense and convolutional layers (TANH, RELU or SIGMOID);
 *     LSTM uses its gates'
 * @param noise standard deviation of the Gaussian noise added to standardised inputs (a denoising
 *     autoencoder), in [0, 10]; 0 for none
 * @param dropout dropout rate after each hidden layer, in [0, 0.9]
 * @param epochs the most passes over the training windows, in [1, 10000]
 * @param batchSize windows per optimiser step, in [1, 65536]
 * @param learningRate Adam's learning rate, in (0, 1]
 * @param validationSplit the later share of each series held out for validation, early stopping and
 *     the suggested threshold, in [0, 0.9]
 * @param patience epochs without a better validation loss before stopping, in [0, 10000]; 0 never
 *     stops early
 * @param loss the reconstruction loss
 * @param stdFloor the scaler's relative std floor, in [0, 1]: each channel's std is at least this
 *     times the magnitude of its mean (see {@link io.vigil.model.data.ScalerFit}); 0 for none
 * @param seed the seed of every random draw
 * @param kernel conv only (0 for the other kinds): the convolutions' kernel size, odd, in [1,
 *     {@value #MAX_KERNEL}]
 * @param penalty the weight of the kind's training penalty, in [0, {@value #MAX_PENALTY}]: vae the
 *     KL term's β, sparse the L1 weight on the code, contractive the Jacobian weight (see {@link
 *     PenalisedDenseNetwork}); 0 for the kinds without one
 * @param levelRemoval the channels read as changes rather than levels (each window's mean taken off
 *     before the network and added back to the reconstruction, in the exported graph too); {@link
 *     LevelRemoval#NONE} by default
 * @param trainingStride rows between the windows cut for fitting and calibration, in [0, window]; 0
 *     (the default) cuts them every S rows, as the stream does; 1 cuts one at every row, S times as
 *     many windows from the same rows (every phase the stream may cut), for short recordings
 * @param members networks trained, in [1, {@value #MAX_MEMBERS}]: more than one makes an ensemble,
 *     each member trained alone from its own seed ({@link #memberSeed}), whose exported model
 *     reconstructs a window as the mean of the members' reconstructions; 1 (the default) for one
 *     network
 */
public record TrainingOptions(
    ModelKind kind,
    int window,
    int stride,
    List<Integer> hidden,
    int latent,
    Activation activation,
    double noise,
    double dropout,
    int epochs,
    int batchSize,
    double learningRate,
    double validationSplit,
    int patience,
    LossKind loss,
    double stdFloor,
    long seed,
    int kernel,
    double penalty,
    LevelRemoval levelRemoval,
    int trainingStride,
    int members) {

  /** Largest window, layer size or latent size accepted. */
  public static final int MAX_SIZE = 4096;

  /** Most encoder layers accepted. */
  public static final int MAX_LAYERS = 4;

  /** Largest convolution kernel accepted. */
  public static final int MAX_KERNEL = 31;

  /** Largest penalty weight accepted. */
  public static final double MAX_PENALTY = 1000;

  /** Most ensemble members accepted. */
  public static final int MAX_MEMBERS = 16;

  /** Validates every field. */
  public TrainingOptions {
    require(kind != null, "kind", kind, String.join(", ", ModelKind.ids()));
    require(window >= 2 && window <= MAX_SIZE, "window", window, "[2, " + MAX_SIZE + "]");
    require(stride >= 1 && stride <= window, "stride", stride, "[1, window = " + window + "]");
    require(
        hidden != null && !hidden.isEmpty() && hidden.size() <= MAX_LAYERS,
        "hidden",
        hidden,
        "1 to " + MAX_LAYERS + " layer sizes");
    hidden = List.copyOf(hidden);
    for (int size : hidden) {
      require(size >= 1 && size <= MAX_SIZE, "hidden", hidden, "sizes in [1, " + MAX_SIZE + "]");
    }
    require(latent >= 1 && latent <= MAX_SIZE, "latent", latent, "[1, " + MAX_SIZE + "]");
    require(
        activation == Activation.TANH
            || activation == Activation.RELU
            || activation == Activation.SIGMOID,
        "activation",
        activation,
        "tanh, relu or sigmoid");
    require(noise >= 0 && noise <= 10, "noise", noise, "[0, 10]");
    require(dropout >= 0 && dropout <= 0.9, "dropout", dropout, "[0, 0.9]");
    require(epochs >= 1 && epochs <= 10_000, "epochs", epochs, "[1, 10000]");
    require(batchSize >= 1 && batchSize <= 65_536, "batchSize", batchSize, "[1, 65536]");
    require(learningRate > 0 && learningRate <= 1, "learningRate", learningRate, "(0, 1]");
    require(
        validationSplit >= 0 && validationSplit <= 0.9,
        "validationSplit",
        validationSplit,
        "[0, 0.9]");
    require(patience >= 0 && patience <= 10_000, "patience", patience, "[0, 10000]");
    require(loss != null, "loss", loss, "mse or mae");
    require(levelRemoval != null, "levelRemoval", levelRemoval, "none, all or channel names");
    require(stdFloor >= 0 && stdFloor <= 1, "stdFloor", stdFloor, "[0, 1]");
    require(
        trainingStride >= 0 && trainingStride <= window,
        "trainingStride",
        trainingStride,
        "[0, window = " + window + "]; 0 for S");
    require(members >= 1 && members <= MAX_MEMBERS, "members", members, "[1, " + MAX_MEMBERS + "]");
    if (kind == ModelKind.CONV) {
      require(
          kernel >= 1 && kernel <= MAX_KERNEL && kernel % 2 == 1,
          "kernel",
          kernel,
          "an odd size in [1, " + MAX_KERNEL + "]");
      // Each strided convolution halves the time axis and each upsampling one doubles it back.
      int halvings = 1 << (hidden.size() + 1);
      require(
          window % halvings == 0,
          "window",
          window,
          "a multiple of "
              + halvings
              + " for conv with "
              + hidden.size()
              + " hidden layer(s): each of its "
              + (hidden.size() + 1)
              + " strided convolutions halves the time axis");
    } else {
      require(kernel == 0, "kernel", kernel, "0: only conv has a kernel");
    }
    if (kind.penalised()) {
      require(
          penalty >= 0 && penalty <= MAX_PENALTY, "penalty", penalty, "[0, " + MAX_PENALTY + "]");
    } else {
      require(penalty == 0, "penalty", penalty, "0: only vae, sparse and contractive have one");
    }
    if (kind == ModelKind.CONTRACTIVE) {
      require(
          dropout == 0,
          "dropout",
          dropout,
          "0 for contractive: its penalty is the Jacobian of the encoder without dropout");
    }
  }

  /**
   * Returns the defaults of a kind: W 32, S 4, Adam at 1e-3, batches of 64, a fifth of the rows for
   * validation, patience 5, MSE, tanh, seed 42, no std floor, no level removal, and per kind:
   *
   * <ul>
   *   <li>dense: hidden [64], latent 8, 40 epochs;
   *   <li>lstm: hidden [32], latent 16, 20 epochs;
   *   <li>conv: hidden [16] channels, latent 8 channels, kernel 5, 40 epochs (W 32 becomes a code
   *       of 8 steps by 8 channels);
   *   <li>vae: hidden [64], latent 8, β 1, 40 epochs;
   *   <li>sparse: hidden [64], latent 16, L1 weight 0.01, 40 epochs;
   *   <li>contractive: hidden [64], latent 8, Jacobian weight 0.001, 40 epochs.
   * </ul>
   *
   * @param kind the architecture
   * @return the defaults
   */
  public static TrainingOptions defaults(ModelKind kind) {
    int hidden =
        switch (kind) {
          case LSTM -> 32;
          case CONV -> 16;
          default -> 64;
        };
    int latent = kind == ModelKind.LSTM || kind == ModelKind.SPARSE ? 16 : 8;
    return new TrainingOptions(
        kind,
        32,
        4,
        List.of(hidden),
        latent,
        Activation.TANH,
        0,
        0,
        kind == ModelKind.LSTM ? 20 : 40,
        64,
        1e-3,
        0.2,
        5,
        LossKind.MSE,
        0,
        42,
        kind == ModelKind.CONV ? 5 : 0,
        switch (kind) {
          case VAE -> 1;
          case SPARSE -> 0.01;
          case CONTRACTIVE -> 0.001;
          default -> 0;
        },
        LevelRemoval.NONE,
        0,
        1);
  }

  /**
   * Returns the seed member {@code m} of an ensemble is trained from: member 0 takes {@link #seed}
   * itself (so a one-member run is the plain network), the others a mix of the seed and the member
   * number, so that ensembles from neighbouring seeds share no member.
   *
   * @param m the member, from 0
   * @return its seed
   */
  public long memberSeed(int m) {
    if (m == 0) {
      return seed;
    }
    // SplitMix64's finaliser over the seed and the member number.
    long z = seed + m * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Integer.MAX_VALUE;
  }

  /**
   * Returns the rows between the windows cut for fitting and calibration.
   *
   * @return {@link #trainingStride()}, or S when it is 0
   */
  public int fitStride() {
    return trainingStride == 0 ? stride : trainingStride;
  }

  /** Returns a builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the options as written to the model's provenance. */
  public Map<String, Object> describe() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("kind", kind.id());
    options.put("window", window);
    options.put("stride", stride);
    options.put("hidden", hidden);
    options.put("latent", latent);
    if (kind != ModelKind.LSTM) {
      options.put("activation", activation.name().toLowerCase(Locale.ROOT));
    }
    if (kind == ModelKind.CONV) {
      options.put("kernel", kernel);
    }
    if (kind.penalised()) {
      options.put("penalty", penalty);
    }
    options.put("noise", noise);
    options.put("dropout", dropout);
    options.put("epochs", epochs);
    options.put("batchSize", batchSize);
    options.put("learningRate", learningRate);
    options.put("validationSplit", validationSplit);
    options.put("patience", patience);
    options.put("loss", loss.name().toLowerCase(Locale.ROOT));
    options.put("stdFloor", stdFloor);
    options.put("seed", seed);
    options.put("removeLevel", levelRemoval.describe());
    options.put("trainingStride", fitStride());
    if (members > 1) {
      options.put("members", members);
    }
    return options;
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "training option " + field + " = " + value + " is invalid, allowed: " + allowed);
    }
  }

  /** Changes single fields of a set of options; {@link #build} validates the result. */
  public static final class Builder {
    private ModelKind kind;
    private int window;
    private int stride;
    private List<Integer> hidden;
    private int latent;
    private Activation activation;
    private double noise;
    private double dropout;
    private int epochs;
    private int batchSize;
    private double learningRate;
    private double validationSplit;
    private int patience;
    private LossKind loss;
    private double stdFloor;
    private long seed;
    private int kernel;
    private double penalty;
    private LevelRemoval levelRemoval;
    private int trainingStride;
    private int members;

    private Builder(TrainingOptions o) {
      kind = o.kind;
      window = o.window;
      stride = o.stride;
      hidden = o.hidden;
      latent = o.latent;
      activation = o.activation;
      noise = o.noise;
      dropout = o.dropout;
      epochs = o.epochs;
      batchSize = o.batchSize;
      learningRate = o.learningRate;
      validationSplit = o.validationSplit;
      patience = o.patience;
      loss = o.loss;
      stdFloor = o.stdFloor;
      seed = o.seed;
      kernel = o.kernel;
      penalty = o.penalty;
      levelRemoval = o.levelRemoval;
      trainingStride = o.trainingStride;
      members = o.members;
    }

    /** Sets the networks trained (more than one: an ensemble). */
    public Builder members(int value) {
      members = value;
      return this;
    }

    /** Sets the rows between fitting windows (0: S). */
    public Builder trainingStride(int value) {
      trainingStride = value;
      return this;
    }

    /** Sets W. */
    public Builder window(int value) {
      window = value;
      return this;
    }

    /** Sets S. */
    public Builder stride(int value) {
      stride = value;
      return this;
    }

    /** Sets the encoder layer sizes. */
    public Builder hidden(List<Integer> value) {
      hidden = value;
      return this;
    }

    /** Sets the code size. */
    public Builder latent(int value) {
      latent = value;
      return this;
    }

    /** Sets the dense layers' activation. */
    public Builder activation(Activation value) {
      activation = value;
      return this;
    }

    /** Sets the denoising noise. */
    public Builder noise(double value) {
      noise = value;
      return this;
    }

    /** Sets the dropout rate. */
    public Builder dropout(double value) {
      dropout = value;
      return this;
    }

    /** Sets the most epochs. */
    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    /** Sets the batch size. */
    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Sets the learning rate. */
    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    /** Sets the validation share. */
    public Builder validationSplit(double value) {
      validationSplit = value;
      return this;
    }

    /** Sets the early-stopping patience. */
    public Builder patience(int value) {
      patience = value;
      return this;
    }

    /** Sets the loss. */
    public Builder loss(LossKind value) {
      loss = value;
      return this;
    }

    /** Sets the scaler's relative std floor. */
    public Builder stdFloor(double value) {
      stdFloor = value;
      return this;
    }

    /** Sets the seed. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Sets the convolutions' kernel size (conv). */
    public Builder kernel(int value) {
      kernel = value;
      return this;
    }

    /** Sets the weight of the kind's penalty (vae, sparse, contractive). */
    public Builder penalty(double value) {
      penalty = value;
      return this;
    }

    /** Sets the channels read as changes rather than levels. */
    public Builder levelRemoval(LevelRemoval value) {
      levelRemoval = value;
      return this;
    }

    /** Returns the validated options. */
    public TrainingOptions build() {
      return new TrainingOptions(
          kind,
          window,
          stride,
          hidden,
          latent,
          activation,
          noise,
          dropout,
          epochs,
          batchSize,
          learningRate,
          validationSplit,
          patience,
          loss,
          stdFloor,
          seed,
          kernel,
          penalty,
          levelRemoval,
          trainingStride,
          members);
    }
  }
}
