package io.vigil.bench.jmh;

import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this package with JMH in forked JVMs, which inherit this JVM's class path
 * (so {@code vigil bench jmh} works from the launcher's class path, with no uber-jar). Settings
 * left null keep each benchmark's own annotations (2 forks, 3 warm-up and 5 measured iterations of
 * 2 s).
 *
 * @param include a regular expression over benchmark names; null or blank for all of them
 * @param gcProfiler whether to add JMH's GC profiler (bytes allocated per operation)
 * @param forks forks per benchmark, or null
 * @param warmupIterations warm-up iterations, or null
 * @param iterations measured iterations, or null
 * @param seconds seconds per iteration (warm-up and measured), or null
 */
public record JmhLauncher(
    String include,
    boolean gcProfiler,
    Integer forks,
    Integer warmupIterations,
    Integer iterations,
    Integer seconds) {

  /**
   * Runs the benchmarks; JMH prints its progress and results table to standard output.
   *
   * @return the results
   * @throws RunnerException if JMH fails
   */
  public Collection<RunResult> run() throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(
                include == null || include.isBlank()
                    ? JmhLauncher.class.getPackageName() + ".*"
                    : include)
            // The forks must find ONNX Runtime's telemetry switch and DJL's offline mode too.
            .jvmArgsAppend("-Dai.djl.offline=true");
    if (gcProfiler) {
      options.addProfiler(GCProfiler.class);
    }
    if (forks != null) {
      options.forks(forks);
    }
    if (warmupIterations != null) {
      options.warmupIterations(warmupIterations);
    }
    if (iterations != null) {
      options.measurementIterations(iterations);
    }
    if (seconds != null) {
      options.warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds));
    }
    return new Runner(options.build()).run();
  }
}
