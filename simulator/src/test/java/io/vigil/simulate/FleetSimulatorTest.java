package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetSimulatorTest {
  private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults(4, 11);

  private static List<SimulatedFrame> run(SimulatorSettings settings, int steps) {
    FleetSimulator fleet = new FleetSimulator(settings);
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      frames.addAll(fleet.nextStep());
    }
    return frames;
  }

  @Test
  void sameSeedGivesTheSameFramesAndLabels() {
    assertThat(run(SETTINGS, 3000)).isEqualTo(run(SETTINGS, 3000));
  }

  @Test
  void anotherSeedGivesOtherFrames() {
    SimulatorSettings other = SimulatorSettings.defaults(4, 12);
    assertThat(run(SETTINGS, 50)).isNotEqualTo(run(other, 50));
  }

  @Test
  void framesAdvanceOneStepAtATimeWithEveryChannel() {
    List<SimulatedFrame> frames = run(SETTINGS, 3);
    assertThat(frames).hasSize(12);
    assertThat(frames.get(4).eventTime()).isEqualTo(SETTINGS.start().plus(SETTINGS.step()));
    assertThat(frames)
        .allSatisfy(
            f ->
                assertThat(f.channels().keySet())
                    .containsExactlyElementsOf(FleetSimulator.channels()));
  }

  @Test
  void noAnomalyDuringWarmUp() {
    List<SimulatedFrame> frames = run(SETTINGS, SETTINGS.warmupSteps());
    assertThat(frames).noneMatch(SimulatedFrame::anomalous);
  }

  @Test
  void labelsCoverExactlyTheInjectedIntervals() {
    FleetSimulator fleet = new FleetSimulator(SETTINGS);
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 6000; k++) {
      frames.addAll(fleet.nextStep());
    }
    List<InjectedAnomaly> injected = fleet.injectedAnomalies();
    assertThat(injected).isNotEmpty();
    for (SimulatedFrame frame : frames) {
      boolean inside =
          injected.stream()
              .anyMatch(a -> a.deviceId().equals(frame.deviceId()) && a.covers(frame.eventTime()));
      assertThat(frame.anomalous())
          .as("label of %s at %s", frame.deviceId(), frame.eventTime())
          .isEqualTo(inside);
    }
  }

  @Test
  void aLongRunInjectsEveryKind() {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(8, 3));
    for (int k = 0; k < 20_000; k++) {
      fleet.nextStep();
    }
    Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    fleet.injectedAnomalies().forEach(a -> kinds.add(a.kind()));
    assertThat(kinds).containsExactlyInAnyOrder(AnomalyKind.values());
  }

  @Test
  void aFrozenSensorRepeatsOneValue() {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(8, 3));
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 20_000; k++) {
      frames.addAll(fleet.nextStep());
    }
    InjectedAnomaly frozen =
        fleet.injectedAnomalies().stream()
            .filter(a -> a.kind() == AnomalyKind.FROZEN)
            .findFirst()
            .orElseThrow();
    List<Double> values =
        frames.stream()
            .filter(f -> f.anomaly() == frozen)
            .map(f -> f.channels().get(frozen.channel()))
            .distinct()
            .toList();
    assertThat(values).hasSize(1);
  }

  @Test
  void aSpikeStandsFarOutsideTheNormalSpread() {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(8, 3));
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 20_000; k++) {
      frames.addAll(fleet.nextStep());
    }
    InjectedAnomaly spike =
        fleet.injectedAnomalies().stream()
            .filter(a -> a.kind() == AnomalyKind.SPIKE)
            .findFirst()
            .orElseThrow();
    double[] before =
        frames.stream()
            .filter(f -> f.deviceId().equals(spike.deviceId()))
            .filter(f -> f.eventTime().isBefore(spike.start()))
            .filter(f -> !f.eventTime().isBefore(spike.start().minusSeconds(30)))
            .mapToDouble(f -> f.channels().get(spike.channel()))
            .toArray();
    double mean = java.util.Arrays.stream(before).average().orElseThrow();
    double sd =
        Math.sqrt(
            java.util.Arrays.stream(before)
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElseThrow());
    double atSpike =
        frames.stream()
            .filter(f -> f.anomaly() == spike)
            .mapToDouble(f -> f.channels().get(spike.channel()))
            .findFirst()
            .orElseThrow();
    assertThat(Math.abs(atSpike - mean)).isGreaterThan(5 * sd);
  }

  @Test
  void pressureAndFlowMoveTogetherWhenNormal() {
    List<SimulatedFrame> frames =
        run(SimulatorSettings.defaults(1, 5), 400).stream().filter(f -> !f.anomalous()).toList();
    double[] p = frames.stream().mapToDouble(f -> f.channels().get("pressure")).toArray();
    double[] q = frames.stream().mapToDouble(f -> f.channels().get("flow")).toArray();
    assertThat(correlation(p, q)).isGreaterThan(0.8);
  }

  @Test
  void refusesInvalidSettingsNamingTheField() {
    assertThatThrownBy(() -> SimulatorSettings.defaults(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("devices = 0")
        .hasMessageContaining("1..100000");
  }

  private static double correlation(double[] a, double[] b) {
    double ma = java.util.Arrays.stream(a).average().orElseThrow();
    double mb = java.util.Arrays.stream(b).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
