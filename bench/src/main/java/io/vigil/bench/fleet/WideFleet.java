package io.vigil.bench.fleet;

import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The project's fleet simulator with as many channels as the bench asks for. The simulator models
 * four physical channels of a pump (pressure, flow, current, temperature); the bench needs wider
 * frames (8 by default) to load the pipeline like a real machine would, so channels beyond the four
 * are derived from them here rather than changing the simulator's output, which the demo, the tests
 * and trained models depend on.
 *
 * <p>Each extra channel is a fixed, per-device linear mix of the four base channels, smoothed by a
 * first-order lag of its own and with its own sensor noise: correlated with the machine's state, as
 * a model needs to learn something, and not a copy of any one channel. The mix, lag and noise are
 * drawn from the seed, so a fleet is reproducible. With fewer than four channels the first ones are
 * kept. Channel names come from the caller when scoring with a given model (its features), and
 * default to the simulator's four plus {@code aux-04}, {@code aux-05}, ...
 *
 * <p>Not thread-safe: one owner drives it, like the simulator.
 */
public final class WideFleet {
  /** Most channels a frame may carry. */
  public static final int MAX_CHANNELS = 256;

  private static final int BASE = 4;

  private final FleetSimulator fleet;
  private final List<String> names;
  private final double[][] mix; // [extra][BASE + 1]: weights, then offset
  private final double[] lag;
  private final double[] noise;
  private final double[][] state; // [device][extra]
  private final SplittableRandom random;

  /**
   * Creates a fleet.
   *
   * @param settings the simulator's settings
   * @param channelNames the names of the channels to produce, in order; at least one
   */
  public WideFleet(SimulatorSettings settings, List<String> channelNames) {
    if (channelNames.isEmpty() || channelNames.size() > MAX_CHANNELS) {
      throw new IllegalArgumentException(
          "channels = " + channelNames.size() + ", expected 1.." + MAX_CHANNELS);
    }
    if (channelNames.stream().distinct().count() != channelNames.size()) {
      throw new IllegalArgumentException("channel names " + channelNames + " are not unique");
    }
    this.fleet = new FleetSimulator(settings);
    this.names = List.copyOf(channelNames);
    int extra = Math.max(0, names.size() - BASE);
    SplittableRandom params = new SplittableRandom(settings.seed() * 31 + 7);
    this.mix = new double[extra][BASE + 1];
    this.lag = new double[extra];
    this.noise = new double[extra];
    for (int e = 0; e < extra; e++) {
      for (int b = 0; b < BASE; b++) {
        mix[e][b] = params.nextDouble(-1, 1);
      }
      mix[e][BASE] = params.nextDouble(-5, 5);
      lag[e] = params.nextDouble(0.05, 1.0);
      noise[e] = params.nextDouble(0.02, 0.2);
    }
    this.state = new double[settings.devices()][extra];
    for (double[] s : state) {
      java.util.Arrays.fill(s, Double.NaN);
    }
    this.random = new SplittableRandom(settings.seed() * 131 + 3);
  }

  /**
   * The default channel names for {@code count} channels: the simulator's, then {@code aux-04},
   * {@code aux-05}, ...
   *
   * @param count channels, 1..{@value #MAX_CHANNELS}
   * @return the names
   */
  public static List<String> defaultChannels(int count) {
    if (count < 1 || count > MAX_CHANNELS) {
      throw new IllegalArgumentException("channels = " + count + ", expected 1.." + MAX_CHANNELS);
    }
    List<String> names = new ArrayList<>(FleetSimulator.channels());
    for (int c = BASE; c < count; c++) {
      names.add(String.format(Locale.ROOT, "aux-%02d", c));
    }
    return List.copyOf(names.subList(0, count));
  }

  /** Returns the channel names, in frame order. */
  public List<String> channels() {
    return names;
  }

  /** Returns the number of devices. */
  public int devices() {
    return fleet.settings().devices();
  }

  /** Returns the steps produced so far. */
  public long steps() {
    return fleet.steps();
  }

  /** Returns the event time of step {@code k}. */
  public Instant timeOf(long k) {
    return fleet.timeOf(k);
  }

  /**
   * Returns the next frame of every device, in device order, with the wide channels.
   *
   * @return one frame per device
   */
  public List<SimulatedFrame> nextStep() {
    List<SimulatedFrame> base = fleet.nextStep();
    List<SimulatedFrame> wide = new ArrayList<>(base.size());
    for (int d = 0; d < base.size(); d++) {
      SimulatedFrame frame = base.get(d);
      double[] values = values(d, frame);
      Map<String, Double> channels = new LinkedHashMap<>();
      for (int c = 0; c < names.size(); c++) {
        channels.put(names.get(c), values[c]);
      }
      wide.add(
          new SimulatedFrame(
              frame.deviceId(), frame.eventTime(), frame.step(), channels, frame.anomaly()));
    }
    return wide;
  }

  /**
   * Returns the values of the next step as {@code [devices][channels]}, without building frames
   * (for training data and windows).
   *
   * @return the values, in channel order
   */
  public double[][] nextValues() {
    List<SimulatedFrame> base = fleet.nextStep();
    double[][] rows = new double[base.size()][];
    for (int d = 0; d < base.size(); d++) {
      rows[d] = values(d, base.get(d));
    }
    return rows;
  }

  private double[] values(int device, SimulatedFrame frame) {
    double[] b = new double[BASE];
    int i = 0;
    for (double v : frame.channels().values()) {
      b[i++] = v;
    }
    double[] out = new double[names.size()];
    for (int c = 0; c < Math.min(BASE, out.length); c++) {
      out[c] = b[c];
    }
    for (int e = 0; e < mix.length; e++) {
      double target = mix[e][BASE];
      for (int k = 0; k < BASE; k++) {
        target += mix[e][k] * b[k];
      }
      double previous = state[device][e];
      double smoothed = Double.isNaN(previous) ? target : previous + lag[e] * (target - previous);
      state[device][e] = smoothed;
      out[BASE + e] = smoothed + random.nextGaussian() * noise[e];
    }
    return out;
  }
}
