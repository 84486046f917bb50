package io.vigil.model.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.vigil.inference.contract.Scaler;
import io.vigil.model.data.WindowLevels;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * A trained autoencoder still held by DJL: the network (for export), the scaler it was trained
 * under, the options and the history. Owns the DJL model and its native memory; one owner closes
 * it.
 *
 * <p>{@link #reconstruct} runs the network as trained, in inference mode (no dropout, no noise):
 * the reference that the exported ONNX model is checked against.
 */
public final class TrainedNetwork implements AutoCloseable {
  private final Model model;
  private final Network network;
  private final Scaler scaler;
  private final TrainingOptions options;
  private final boolean[] levelMask;
  private final TrainingHistory history;

  TrainedNetwork(
      Model model,
      Network network,
      Scaler scaler,
      TrainingOptions options,
      boolean[] levelMask,
      TrainingHistory history) {
    this.model = model;
    this.network = network;
    this.scaler = scaler;
    this.options = options;
    this.levelMask = levelMask.clone();
    this.history = history;
  }

  /** Returns the network, for its weights. */
  public Network network() {
    return network;
  }

  /** Returns the standardisation fitted on the training rows. */
  public Scaler scaler() {
    return scaler;
  }

  /** Returns the options it was trained with. */
  public TrainingOptions options() {
    return options;
  }

  /** Returns, per feature, whether each window's level is taken off before the network. */
  public boolean[] levelMask() {
    return levelMask.clone();
  }

  /** Returns how training went. */
  public TrainingHistory history() {
    return history;
  }

  /**
   * Reconstructs standardised windows: each window's level is taken off the masked channels, the
   * network reconstructs the rest, and the level is added back, as the exported graph does.
   *
   * @param windows {@code [n][W][F]} flat, standardised
   * @param count n, at least 1
   * @return the standardised reconstructions, {@code [n][W][F]} flat
   */
  public float[] reconstruct(float[] windows, int count) {
    // A penalised network returns its penalty second; the reconstruction comes first.
    return run(
        windows,
        count,
        true,
        (store, x) -> network.block().forward(store, new NDList(x), false).get(0));
  }

  /**
   * Returns the latent codes of standardised windows, as the trained network computes them.
   *
   * @param windows {@code [n][W][F]} flat, standardised
   * @param count n, at least 1
   * @return {@code [n][L]} flat
   */
  public float[] encode(float[] windows, int count) {
    return run(windows, count, false, network::encode);
  }

  /**
   * Runs part of the network in inference mode on {@code count} standardised windows, their levels
   * taken off the masked channels first (and added back to the output when it is a reconstruction;
   * a code has none).
   */
  private float[] run(
      float[] windows,
      int count,
      boolean restoreLevels,
      BiFunction<ParameterStore, NDArray, NDArray> forward) {
    int size = network.window() * network.features();
    if (count < 1 || windows.length < count * size) {
      throw new IllegalArgumentException(
          count + " windows need " + count * size + " values, found " + windows.length);
    }
    boolean masked = WindowLevels.any(levelMask);
    // The caller's array is only copied when it is longer, or when levels are removed in place.
    float[] input =
        !masked && windows.length == count * size ? windows : Arrays.copyOf(windows, count * size);
    float[] levels = masked ? WindowLevels.remove(input, count, network.window(), levelMask) : null;
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray x = manager.create(input, network.inputShape(count));
      float[] out = forward.apply(new ParameterStore(manager, false), x).toFloatArray();
      if (restoreLevels && masked) {
        WindowLevels.restore(out, levels, count, network.window(), network.features());
      }
      return out;
    }
  }

  /**
   * Returns the contract score of each standardised window: the mean over channels of the mean over
   * time of the squared standardised error, as the exported graph computes it.
   *
   * @param windows {@code [n][W][F]} flat, standardised
   * @param count n
   * @param batch windows per forward pass
   * @return n scores
   */
  public double[] scores(float[] windows, int count, int batch) {
    int size = network.window() * network.features();
    double[] scores = new double[count];
    for (int start = 0; start < count; start += batch) {
      int n = Math.min(batch, count - start);
      float[] chunk = Arrays.copyOfRange(windows, start * size, (start + n) * size);
      float[] reconstruction = reconstruct(chunk, n);
      for (int b = 0; b < n; b++) {
        double sum = 0;
        for (int i = b * size; i < (b + 1) * size; i++) {
          double e = chunk[i] - reconstruction[i];
          sum += e * e;
        }
        scores[start + b] = sum / size;
      }
    }
    return scores;
  }

  /** Releases the DJL model and its native memory. */
  @Override
  public void close() {
    model.close();
  }
}
