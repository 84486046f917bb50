package io.vigil.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThroughputTest {

  @Test
  void ratesAreRecordsPerSecond() {
    Throughput t = new Throughput(5000, 2_000_000_000L);
    assertThat(t.perSecond()).isEqualTo(2500);
    assertThat(t.seconds()).isEqualTo(2);
    assertThat(t.perSecondTimes(4)).isEqualTo(10_000); // windows/s x S = frames/s
  }

  @Test
  void anEmptyIntervalHasNoRate() {
    assertThat(new Throughput(100, 0).perSecond()).isZero();
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> new Throughput(-1, 1)).hasMessageContaining("records = -1");
    assertThatThrownBy(() -> new Throughput(1, -1)).hasMessageContaining("nanos = -1");
  }

  @Test
  void timesFromTheFirstOutputWhenTheIntervalIsLongEnough() {
    OutputTiming.Timed t = OutputTiming.of(1000, 0, 1_000_000_000L, 5_000_000_000L, 3_000_000_000L);
    assertThat(t.basis()).isEqualTo(OutputTiming.FIRST_OUTPUT);
    assertThat(t.throughput().perSecond()).isEqualTo(250);
  }

  @Test
  void timesFromTheStartWhenAllOutputCameInOneOrTwoCommits() {
    OutputTiming.Timed t = OutputTiming.of(1000, 0, 1_500_000_000L, 2_000_000_000L, 3_000_000_000L);
    assertThat(t.basis()).isEqualTo(OutputTiming.START);
    assertThat(t.throughput().perSecond()).isEqualTo(500);
    assertThat(OutputTiming.of(10, 0, 7, 7, 0).basis()).isEqualTo(OutputTiming.START);
  }

  @Test
  void pacedRecordsAreDueEvenlyFromTheStart() {
    Pacer pacer = new Pacer(1_000, 4); // 4 records a second from t = 1000 ns
    assertThat(pacer.dueNanos(0)).isEqualTo(1_000);
    assertThat(pacer.dueNanos(1)).isEqualTo(250_001_000L);
    assertThat(pacer.dueNanos(8)).isEqualTo(2_000_001_000L);
    assertThat(pacer.dueBy(999)).isZero();
    assertThat(pacer.dueBy(1_000)).isEqualTo(1);
    assertThat(pacer.dueBy(1_000_001_000L)).isEqualTo(5);
    assertThatThrownBy(() -> new Pacer(0, 0)).hasMessageContaining("positive rate");
  }
}
