package io.vigil.model.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.vigil.inference.contract.Scaler;
import io.vigil.model.data.WindowLevels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained autoencoder still held by DJL: the network (for export), the scaler it was trained
 * under, the options and the history; or an ensemble of such networks ({@link
 * TrainingOptions#members()} more than 1), read as one. Owns the DJL models and their native
 * memory; one owner closes them.
 *
 * <p>{@link #reconstruct} runs the network as trained, in inference mode (no dropout, no noise):
 * the reference that the exported ONNX model is checked against. An ensemble reconstructs as the
 * mean of its members' reconstructions and encodes as their codes side by side, as its export does
 * ({@code io.vigil.inference.onnx.EnsembleBody}).
 */
public final class TrainedNetwork implements AutoCloseable {
  private final List<Member> members;
  private final Network network;
  private final Scaler scaler;
  private final TrainingOptions options;
  private final boolean[] levelMask;

  /**
   * One trained network and the DJL model holding its parameters.
   *
   * @param model the DJL model
   * @param network the network
   * @param history how its training went
   */
  record Member(Model model, Network network, TrainingHistory history) {}

  TrainedNetwork(
      List<Member> members, Scaler scaler, TrainingOptions options, boolean[] levelMask) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a trained network needs at least one member");
    }
    this.members = List.copyOf(members);
    this.network = members.get(0).network();
    this.scaler = scaler;
    this.options = options;
    this.levelMask = levelMask.clone();
  }

  /** Returns the network (an ensemble's first member), for its weights. */
  public Network network() {
    return network;
  }

  /** Returns every member's network, in order: one unless this is an ensemble. */
  public List<Network> networks() {
    List<Network> networks = new ArrayList<>();
    for (Member member : members) {
      networks.add(member.network());
    }
    return networks;
  }

  /** Returns how each member's training went, in order. */
  public List<TrainingHistory> histories() {
    List<TrainingHistory> histories = new ArrayList<>();
    for (Member member : members) {
      histories.add(member.history());
    }
    return histories;
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

  /**
   * Returns how training went: the one network's history, or for an ensemble the first member's
   * with the seconds of all (see {@link #histories} for each member's).
   */
  public TrainingHistory history() {
    TrainingHistory first = members.get(0).history();
    if (members.size() == 1) {
      return first;
    }
    double seconds = 0;
    for (Member member : members) {
      seconds += member.history().seconds();
    }
    return new TrainingHistory(
        first.epochs(),
        first.bestEpoch(),
        first.stoppedEarly(),
        first.trainingWindows(),
        first.validationWindows(),
        seconds);
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
        (member, store, x) -> member.block().forward(store, new NDList(x), false).get(0));
  }

  /**
   * Returns the latent codes of standardised windows, as the trained network computes them.
   *
   * @param windows {@code [n][W][F]} flat, standardised
   * @param count n, at least 1
   * @return {@code [n][L]} flat
   */
  public float[] encode(float[] windows, int count) {
    return run(windows, count, false, (member, store, x) -> member.encode(store, x));
  }

  /** Part of one member's forward pass. */
  private interface Forward {
    NDArray apply(Network member, ParameterStore store, NDArray x);
  }

  /**
   * Runs part of each member in inference mode on {@code count} standardised windows, their levels
   * taken off the masked channels first. A reconstruction is averaged over the members and gets the
   * levels back; codes (which have no level) are put side by side.
   */
  private float[] run(float[] windows, int count, boolean reconstruction, Forward forward) {
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
    List<float[]> outputs = new ArrayList<>();
    for (Member member : members) {
      try (NDManager manager = member.model().getNDManager().newSubManager()) {
        NDArray x = manager.create(input, network.inputShape(count));
        outputs.add(
            forward.apply(member.network(), new ParameterStore(manager, false), x).toFloatArray());
      }
    }
    if (!reconstruction) {
      return sideBySide(outputs, count);
    }
    float[] out = outputs.get(0);
    if (outputs.size() > 1) {
      // Summed in member order, as ONNX's Sum does, then scaled once.
      for (int m = 1; m < outputs.size(); m++) {
        float[] own = outputs.get(m);
        for (int i = 0; i < out.length; i++) {
          out[i] += own[i];
        }
      }
      float share = 1f / outputs.size();
      for (int i = 0; i < out.length; i++) {
        out[i] *= share;
      }
    }
    if (masked) {
      WindowLevels.restore(out, levels, count, network.window(), network.features());
    }
    return out;
  }

  /** Each window's codes of every member, one after the other: {@code [n][members x L]}. */
  private static float[] sideBySide(List<float[]> codes, int count) {
    if (codes.size() == 1) {
      return codes.get(0);
    }
    int total = 0;
    for (float[] code : codes) {
      total += code.length / count;
    }
    float[] out = new float[count * total];
    for (int b = 0; b < count; b++) {
      int at = b * total;
      for (float[] code : codes) {
        int size = code.length / count;
        System.arraycopy(code, b * size, out, at, size);
        at += size;
      }
    }
    return out;
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

  /** Releases the DJL models and their native memory. */
  @Override
  public void close() {
    for (Member member : members) {
      member.model().close();
    }
  }
}
