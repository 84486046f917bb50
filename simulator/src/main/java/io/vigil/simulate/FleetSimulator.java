package io.vigil.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A fleet of simulated devices advancing in lock step: each call of {@link #nextStep()} gives one
 * frame per device, all at the same event time. Not thread-safe: one owner drives it.
 */
public final class FleetSimulator {
  private final SimulatorSettings settings;
  private final List<DeviceSimulator> devices = new ArrayList<>();
  private long steps;

  public FleetSimulator(SimulatorSettings settings) {
    this.settings = settings;
    for (int i = 0; i < settings.devices(); i++) {
      devices.add(new DeviceSimulator(deviceId(i), i, settings));
    }
  }

  /** The name of the device with index {@code i}. */
  public static String deviceId(int i) {
    return String.format(Locale.ROOT, "device-%03d", i);
  }

  /** The channels every frame carries, in order. */
  public static List<String> channels() {
    return DeviceSimulator.CHANNELS;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** Steps produced so far. */
  public long steps() {
    return steps;
  }

  /** Event time of step {@code k}. */
  public Instant timeOf(long k) {
    return settings.start().plus(settings.step().multipliedBy(k));
  }

  /** The next frame of every device, in device order. */
  public List<SimulatedFrame> nextStep() {
    List<SimulatedFrame> frames = new ArrayList<>(devices.size());
    for (DeviceSimulator device : devices) {
      frames.add(device.next());
    }
    steps++;
    return frames;
  }

  /** Every anomaly that has started so far, ordered by start time then device. */
  public List<InjectedAnomaly> injectedAnomalies() {
    List<InjectedAnomaly> all = new ArrayList<>();
    devices.forEach(d -> all.addAll(d.anomalies()));
    all.sort(Comparator.comparing(InjectedAnomaly::start).thenComparing(InjectedAnomaly::deviceId));
    return all;
  }
}
