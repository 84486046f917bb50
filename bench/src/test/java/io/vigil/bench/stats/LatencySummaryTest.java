package io.vigil.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesAreNearestRankSamples() {
    double[] sorted = new double[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1; // 1..100
    }
    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);
    assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(99);
    assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(100);
    assertThat(LatencySummary.percentile(sorted, 0.5)).isEqualTo(1);
  }

  @Test
  void aPercentileIsAlwaysAnObservedLatency() {
    double[] sorted = {10, 20, 30, 40};
    // Rank ceil(0.5 * 4) = 2: the second sample, not an interpolation between 20 and 30.
    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20);
    assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(40);
  }

  @Test
  void summarisesUnsortedSamplesWithoutChangingThem() {
    double[] samples = {5, 1, 4, 2, 3};
    LatencySummary s = LatencySummary.of(samples);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.min()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(5);
    assertThat(s.mean()).isEqualTo(3);
    assertThat(s.p50()).isEqualTo(3);
    assertThat(s.p90()).isEqualTo(5);
    assertThat(samples).containsExactly(5, 1, 4, 2, 3);
  }

  @Test
  void noSamplesGiveAnEmptySummary() {
    assertThat(LatencySummary.of(new double[0])).isEqualTo(LatencySummary.EMPTY);
    assertThat(LatencySummary.EMPTY.p50()).isNaN();
  }

  @Test
  void refusesPercentilesOutsideTheRange() {
    assertThatThrownBy(() -> LatencySummary.percentile(new double[] {1}, 0))
        .hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> LatencySummary.percentile(new double[0], 50))
        .hasMessageContaining("no samples");
  }

  @Test
  void recorderGrowsPastItsInitialCapacityAndRefusesNonFiniteSamples() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 1; i <= 5000; i++) {
      recorder.record(i);
    }
    assertThat(recorder.count()).isEqualTo(5000);
    assertThat(recorder.summary().p99()).isEqualTo(4950);
    assertThatThrownBy(() -> recorder.record(Double.NaN)).hasMessageContaining("finite");
  }
}
