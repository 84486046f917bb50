package io.vigil.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class WideFleetTest {

  @Test
  void framesCarryTheRequestedChannelsAfterTheSimulatorsFour() {
    List<String> names = WideFleet.defaultChannels(8);
    assertThat(names)
        .startsWith(FleetSimulator.channels().toArray(String[]::new))
        .endsWith("aux-04", "aux-05", "aux-06", "aux-07");
    WideFleet fleet = new WideFleet(SimulatorSettings.defaults(3, 5), names);
    List<SimulatedFrame> step = fleet.nextStep();
    assertThat(step).hasSize(3);
    assertThat(step.get(0).channels().keySet()).containsExactlyElementsOf(names);
    assertThat(step.get(0).channels().values()).allMatch(Double::isFinite);
  }

  @Test
  void theFirstChannelsAreTheSimulatorsOwnValues() {
    FleetSimulator plain = new FleetSimulator(SimulatorSettings.defaults(2, 9));
    WideFleet wide = new WideFleet(SimulatorSettings.defaults(2, 9), WideFleet.defaultChannels(6));
    SimulatedFrame a = plain.nextStep().get(1);
    SimulatedFrame b = wide.nextStep().get(1);
    for (String channel : FleetSimulator.channels()) {
      assertThat(b.channels().get(channel)).isEqualTo(a.channels().get(channel));
    }
  }

  @Test
  void fewerThanFourChannelsKeepTheFirst() {
    assertThat(WideFleet.defaultChannels(2)).containsExactly("pressure", "flow");
    double[][] rows =
        new WideFleet(SimulatorSettings.defaults(1, 1), WideFleet.defaultChannels(2)).nextValues();
    assertThat(rows[0]).hasSize(2);
  }

  @Test
  void theSameSeedGivesTheSameFrames() {
    List<String> names = WideFleet.defaultChannels(8);
    double[][] a = new WideFleet(SimulatorSettings.defaults(4, 3), names).nextValues();
    double[][] b = new WideFleet(SimulatorSettings.defaults(4, 3), names).nextValues();
    assertThat(a).isDeepEqualTo(b);
  }

  @Test
  void extraChannelsFollowTheMachine() {
    // An extra channel is a lagged mix of the base ones: it must move over a load cycle.
    List<double[][]> data = FleetData.normal(1, 1200, WideFleet.defaultChannels(8), 7);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double[] row : data.get(0)) {
      min = Math.min(min, row[6]);
      max = Math.max(max, row[6]);
    }
    assertThat(max - min).isGreaterThan(0.5);
  }

  @Test
  void windowsAreCutFlatInFrameOrder() {
    float[] windows = FleetData.windows(20, 32, WideFleet.defaultChannels(8), 1);
    assertThat(windows).hasSize(20 * 32 * 8);
  }

  @Test
  void refusesDuplicateOrTooManyChannels() {
    assertThatThrownBy(
            () -> new WideFleet(SimulatorSettings.defaults(1, 1), List.of("pressure", "pressure")))
        .hasMessageContaining("not unique");
    assertThatThrownBy(() -> WideFleet.defaultChannels(0)).hasMessageContaining("1..256");
  }
}
