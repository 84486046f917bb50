package io.vigil.app;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How an instance's commits went, read from Kafka Streams' thread metrics and its producers'
 * metrics. Under exactly once a score becomes visible only when the transaction holding it commits,
 * so these figures explain most of a score's latency: the wait for the next commit (commits come
 * about every interval plus the commit's own time) and the commit itself, most of which is the
 * producer's flush of every record the transaction holds (outputs and the state written at the
 * commit).
 *
 * @param commits commits since the instance started, over its stream threads
 * @param avgMillis mean commit time (Kafka's recent window), weighted by each thread's commits
 * @param maxMillis longest commit (Kafka's recent window)
 * @param threadShare the share of the stream threads' time spent committing (recent window), mean
 *     over threads, in [0, 1]
 * @param flushMillisPerCommit the stream producers' total flush time over the commits
 */
public record CommitStats(
    double commits,
    double avgMillis,
    double maxMillis,
    double threadShare,
    double flushMillisPerCommit) {

  /** No commit seen. */
  public static final CommitStats NONE =
      new CommitStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /**
   * Reads the figures from a Kafka Streams instance's metrics.
   *
   * @param metrics {@code KafkaStreams.metrics()}
   * @return the figures; NaN where a metric is missing
   */
  public static CommitStats of(Map<MetricName, ? extends Metric> metrics) {
    double commits = 0;
    double weighted = 0;
    double max = Double.NaN;
    double share = 0;
    int threads = 0;
    double flushNanos = 0;
    boolean flushSeen = false;
    Map<String, Map<String, Double>> byThread = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
      MetricName name = m.getKey();
      if (!(m.getValue().metricValue() instanceof Double value) || Double.isNaN(value)) {
        continue;
      }
      if (name.group().equals("stream-thread-metrics")) {
        byThread
            .computeIfAbsent(name.tags().getOrDefault("thread-id", ""), t -> new HashMap<>())
            .put(name.name(), value);
      } else if (name.group().equals("producer-metrics")
          && name.name().equals("flush-time-ns-total")
          && name.tags().getOrDefault("client-id", "").endsWith("-producer")) {
        flushNanos += value;
        flushSeen = true;
      }
    }
    for (Map<String, Double> thread : byThread.values()) {
      double total = thread.getOrDefault("commit-total", 0.0);
      commits += total;
      Double avg = thread.get("commit-latency-avg");
      if (avg != null && total > 0) {
        weighted += avg * total;
      }
      Double threadMax = thread.get("commit-latency-max");
      if (threadMax != null && !(threadMax <= max)) {
        max = threadMax;
      }
      Double ratio = thread.get("commit-ratio");
      if (ratio != null) {
        share += ratio;
        threads++;
      }
    }
    if (commits == 0) {
      return NONE;
    }
    return new CommitStats(
        commits,
        weighted / commits,
        max,
        threads == 0 ? Double.NaN : share / threads,
        flushSeen ? flushNanos / 1e6 / commits : Double.NaN);
  }
}
