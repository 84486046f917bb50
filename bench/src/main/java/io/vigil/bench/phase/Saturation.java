package io.vigil.bench.phase;

import io.vigil.bench.progress.Progress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Waits for a stream application to work through the backlog, reading its output as it comes: done
 * when the expected number of output records has arrived, or (should fewer come, e.g. windows that
 * were skipped) when the application has committed past the whole input and nothing new has arrived
 * for {@value #QUIET_SECONDS} s. Fails when nothing arrives for {@value #STALL_SECONDS} s or the
 * application stops.
 */
final class Saturation {
  static final int QUIET_SECONDS = 5;
  static final int STALL_SECONDS = 120;
  private static final Duration POLL = Duration.ofMillis(100);

  private Saturation() {}

  /**
   * The shortest first-to-last output interval trusted as a measurement: three commit intervals, so
   * that the output of at least a few transactions is timed.
   *
   * @param config the application's configuration
   * @return nanoseconds
   */
  static long minInterval(io.vigil.app.config.VigilConfig config) {
    return Duration.ofMillis(3 * config.commitIntervalMillis()).toNanos();
  }

  /**
   * Reads until done.
   *
   * @param reader the output reader
   * @param expected output records expected
   * @param cluster to check the application's committed input offsets
   * @param groupId the application id
   * @param inputTopic the input topic
   * @param running whether the application is still running
   * @param progress where to show the records received
   */
  static void await(
      OutputReader reader,
      long expected,
      BenchCluster cluster,
      String groupId,
      String inputTopic,
      BooleanSupplier running,
      Progress progress)
      throws InterruptedException, ExecutionException {
    long lastChange = System.nanoTime();
    long seen = 0;
    while (reader.records() < expected) {
      reader.poll(POLL, r -> {});
      progress.update(reader.records());
      long now = System.nanoTime();
      if (reader.records() != seen) {
        seen = reader.records();
        lastChange = now;
        continue;
      }
      if (!running.getAsBoolean()) {
        throw new IllegalStateException(
            "application " + groupId + " stopped after " + seen + " of " + expected + " outputs");
      }
      long quiet = now - lastChange;
      if (quiet > Duration.ofSeconds(QUIET_SECONDS).toNanos()
          && cluster.lag(groupId, inputTopic) == 0) {
        return; // everything consumed and committed; fewer outputs than expected
      }
      if (quiet > Duration.ofSeconds(STALL_SECONDS).toNanos()) {
        throw new IllegalStateException(
            "application "
                + groupId
                + " produced nothing for "
                + STALL_SECONDS
                + " s after "
                + seen
                + " of "
                + expected
                + " outputs");
      }
    }
  }
}
