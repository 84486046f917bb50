package io.vigil.cli;

import io.vigil.bench.jmh.JmhLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil bench jmh}. */
@Command(
    name = "jmh",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the JMH benchmarks of the hot paths (window assembly, state encoding, scoring,"
          + " thresholds, serdes) in forked JVMs; JMH prints the results table.",
      "Each benchmark's defaults: 2 forks, 3 warm-up and 5 measured iterations of 2 s."
    })
final class BenchJmhCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REGEX",
      description = "Benchmarks to run, a regular expression over their names (default: all).")
  String include;

  @Option(
      names = "--prof",
      paramLabel = "gc",
      description = "'gc' adds the bytes allocated per operation (gc.alloc.rate.norm).")
  String profiler;

  @Option(names = "--forks", description = "Forks per benchmark.")
  Integer forks;

  @Option(names = "--warmup-iterations", description = "Warm-up iterations.")
  Integer warmupIterations;

  @Option(names = "--iterations", description = "Measured iterations.")
  Integer iterations;

  @Option(names = "--time", paramLabel = "SECONDS", description = "Seconds per iteration.")
  Integer seconds;

  @Override
  public Integer call() throws Exception {
    if (profiler != null && !profiler.equals("gc")) {
      throw new IllegalArgumentException("--prof '" + profiler + "' is unknown, expected gc");
    }
    new JmhLauncher(include, profiler != null, forks, warmupIterations, iterations, seconds).run();
    return 0;
  }
}
