package io.vigil.model.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointMetricsTest {
  @Test
  void countsOnlyTheRowsInRangeAndComputesSkabsRates() {
    boolean[] labels = {true, true, true, true, false, false, false, false, false, false};
    boolean[] flagged = {true, true, true, false, true, false, false, false, false, false};

    PointMetrics m = PointMetrics.of(flagged, labels, 0, 10);

    assertThat(m).isEqualTo(new PointMetrics(3, 1, 5, 1));
    assertThat(m.f1()).isCloseTo(0.75, within(1e-12));
    assertThat(m.falseAlarmRate()).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(m.missedAlarmRate()).isCloseTo(0.25, within(1e-12));
    assertThat(m.summary()).isEqualTo("F1=0.750 FAR=16.67% MAR=25.00%");
    assertThat(PointMetrics.of(flagged, labels, 4, 10)).isEqualTo(new PointMetrics(0, 1, 5, 0));
  }

  @Test
  void totalsAddUp() {
    PointMetrics total = new PointMetrics(1, 2, 3, 4).plus(new PointMetrics(10, 20, 30, 40));

    assertThat(total).isEqualTo(new PointMetrics(11, 22, 33, 44));
    assertThat(total.rows()).isEqualTo(110);
  }

  @Test
  void nothingToFindOrFlagIsZeroNotNaN() {
    assertThat(PointMetrics.EMPTY.f1()).isZero();
    assertThat(PointMetrics.EMPTY.falseAlarmRate()).isZero();
  }

  @Test
  void labelledEpisodesAreTheRunsOfAnomalousRowsAndDelaysCountFromTheirStart() {
    boolean[] labels = {false, true, true, false, false, true, true, true};
    boolean[] alarmed = {false, false, false, false, false, false, true, true};
    long[] times = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000};

    List<LabelledEpisode> episodes = LabelledEpisode.find(labels, 0, labels.length);
    List<EpisodeDelay> delays = EpisodeDelay.of(episodes, times, alarmed);

    assertThat(episodes).containsExactly(new LabelledEpisode(1, 2), new LabelledEpisode(5, 7));
    assertThat(delays.get(0).detected()).isFalse();
    assertThat(delays.get(1).delayMillis()).hasValue(1000);
  }
}
