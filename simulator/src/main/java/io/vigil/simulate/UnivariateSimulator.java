package io.vigil.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several univariate series advancing in lock step, shaped like public univariate benchmark files:
 * one value per step with daily and weekly seasonality, a slow trend, level changes, flat
 * stretches, pauses and duplicate rows, all normal, and labelled anomalies of the kinds in {@link
 * UnivariateAnomalyKind}. Each call of {@link #nextStep()} gives the rows of every device at one
 * step. The same settings always give the same rows and labels. Not thread-safe: one owner drives
 * it.
 */
public final class UnivariateSimulator {
  private final UnivariateSettings settings;
  private final List<UnivariateDevice> devices = new ArrayList<>();
  private long steps;

  public UnivariateSimulator(UnivariateSettings settings) {
    this.settings = settings;
    for (int i = 0; i < settings.devices(); i++) {
      devices.add(new UnivariateDevice(FleetSimulator.deviceId(i), i, settings));
    }
  }

  public UnivariateSettings settings() {
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

  /**
   * The rows of every device at the next step, in device order: none for a paused device, two with
   * the same time for a duplicated row.
   */
  public List<UnivariateRow> nextStep() {
    List<UnivariateRow> rows = new ArrayList<>(devices.size() + 1);
    for (UnivariateDevice device : devices) {
      rows.addAll(device.next());
    }
    steps++;
    return rows;
  }

  /** Every device's shape, in device order. */
  public List<UnivariateProfile> profiles() {
    return devices.stream().map(UnivariateDevice::profile).toList();
  }

  /** Every anomaly that has started so far, ordered by start time then device. */
  public List<UnivariateAnomaly> injectedAnomalies() {
    List<UnivariateAnomaly> all = new ArrayList<>();
    devices.forEach(d -> all.addAll(d.anomalies()));
    all.sort(
        Comparator.comparing(UnivariateAnomaly::start).thenComparing(UnivariateAnomaly::deviceId));
    return all;
  }

  /**
   * Every normal irregularity that has started so far (level changes, flat stretches, pauses,
   * duplicate rows), ordered by start time then device.
   */
  public List<UnivariateEvent> events() {
    List<UnivariateEvent> all = new ArrayList<>();
    devices.forEach(d -> all.addAll(d.events()));
    all.sort(Comparator.comparing(UnivariateEvent::start).thenComparing(UnivariateEvent::deviceId));
    return all;
  }
}
