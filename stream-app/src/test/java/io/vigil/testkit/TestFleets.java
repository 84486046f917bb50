package io.vigil.testkit;

import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Simulated fleets for tests that need a known anomaly. */
public final class TestFleets {
  private TestFleets() {}

  /**
   * The first {@code steps} steps of a simulated fleet, every device's frame of a step together.
   *
   * @param settings the fleet (devices, seed, anomalies)
   * @param steps how many steps
   * @return the frames, step by step
   */
  public static List<SimulatedFrame> frames(SimulatorSettings settings, int steps) {
    FleetSimulator fleet = new FleetSimulator(settings);
    List<SimulatedFrame> out = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      out.addAll(fleet.nextStep());
    }
    return out;
  }

  /**
   * Frames of steps {@code [from, to)} of a seeded fleet of normal pumps (no injected anomalies),
   * where {@code device}'s values are five times their normal size at steps {@code [jumpFrom,
   * jumpTo)}: an anomaly any model sees. The same arguments give the same frames, so a test can
   * publish a fleet's history in parts.
   *
   * @param devices fleet size
   * @param seed the simulator's seed
   * @param from first step published
   * @param to end step, excluded
   * @param device the device that jumps
   * @param jumpFrom first step of the jump
   * @param jumpTo end step of the jump, excluded
   * @return the frames, step by step
   */
  public static List<SimulatedFrame> withJump(
      int devices, long seed, int from, int to, String device, int jumpFrom, int jumpTo) {
    FleetSimulator fleet =
        new FleetSimulator(
            SimulatorSettings.defaults(devices, seed).withWarmupSteps(Integer.MAX_VALUE));
    List<SimulatedFrame> out = new ArrayList<>();
    for (int k = 0; k < to; k++) {
      for (SimulatedFrame f : fleet.nextStep()) {
        if (k < from) {
          continue;
        }
        if (f.deviceId().equals(device) && k >= jumpFrom && k < jumpTo) {
          Map<String, Double> jumped = new HashMap<>();
          f.channels().forEach((c, v) -> jumped.put(c, v * 5));
          f = new SimulatedFrame(f.deviceId(), f.eventTime(), f.step(), jumped, null);
        }
        out.add(f);
      }
    }
    return out;
  }
}
