package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class CommitStatsTest {
  private final Map<MetricName, Metric> metrics = new HashMap<>();

  private void put(String group, String name, Map<String, String> tags, Object value) {
    MetricName key = new MetricName(name, group, "", tags);
    metrics.put(
        key,
        new Metric() {
          @Override
          public MetricName metricName() {
            return key;
          }

          @Override
          public Object metricValue() {
            return value;
          }
        });
  }

  private void thread(String id, double commits, double avg, double max, double ratio) {
    Map<String, String> tags = Map.of("thread-id", id);
    put("stream-thread-metrics", "commit-total", tags, commits);
    put("stream-thread-metrics", "commit-latency-avg", tags, avg);
    put("stream-thread-metrics", "commit-latency-max", tags, max);
    put("stream-thread-metrics", "commit-ratio", tags, ratio);
  }

  @Test
  void threadsArePooledAndOnlyTheStreamProducersFlushesCount() {
    thread("app-StreamThread-1", 30, 40, 120, 0.4);
    thread("app-StreamThread-2", 10, 20, 60, 0.2);
    put(
        "producer-metrics",
        "flush-time-ns-total",
        Map.of("client-id", "app-StreamThread-1-producer"),
        600e6);
    put(
        "producer-metrics",
        "flush-time-ns-total",
        Map.of("client-id", "app-StreamThread-2-producer"),
        200e6);
    // Not a stream producer: left out.
    put("producer-metrics", "flush-time-ns-total", Map.of("client-id", "dead-letters"), 9e9);
    put("stream-thread-metrics", "process-total", Map.of("thread-id", "x"), "not a number");

    CommitStats stats = CommitStats.of(metrics);

    assertThat(stats.commits()).isEqualTo(40);
    assertThat(stats.avgMillis()).isCloseTo((30 * 40 + 10 * 20) / 40.0, within(1e-9));
    assertThat(stats.maxMillis()).isEqualTo(120);
    assertThat(stats.threadShare()).isCloseTo(0.3, within(1e-9));
    assertThat(stats.flushMillisPerCommit()).isCloseTo(800.0 / 40, within(1e-9));
  }

  @Test
  void noCommitGivesNone() {
    thread("app-StreamThread-1", 0, Double.NaN, Double.NaN, 0);
    assertThat(CommitStats.of(metrics)).isEqualTo(CommitStats.NONE);
    assertThat(CommitStats.of(Map.of())).isEqualTo(CommitStats.NONE);
  }
}
