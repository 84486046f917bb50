package io.vigil.bench.jmh;

import io.vigil.core.threshold.AdaptiveThreshold;
import io.vigil.core.threshold.ThresholdFactory;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One score judged and learned by an adaptive threshold and the threshold read back, as per scored
 * window; each method with its default parameters, after enough scores that SPOT has calibrated.
 * Scores are log-normal, like reconstruction errors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThresholdBenchmark {
  /** The method measured. */
  @Param({"EWMA", "QUANTILE", "SPOT", "LIKELIHOOD"})
  public String method;

  private AdaptiveThreshold threshold;
  private double[] scores;
  private int next;

  /** Creates the threshold and feeds it past calibration. */
  @Setup
  public void setUp() {
    threshold =
        ThresholdFactory.create(ThresholdSpec.of(ThresholdMethod.parse(method), Map.of(), 1.0));
    SplittableRandom random = new SplittableRandom(Shapes.SEED);
    scores = new double[8192];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.exp(random.nextGaussian() * 0.5);
    }
    for (int i = 0; i < 3000; i++) {
      threshold.observe(scores[i % scores.length]);
    }
  }

  /** Observes the next score and returns the threshold. */
  @Benchmark
  public OptionalDouble observeAndThreshold() {
    threshold.judged(scores[next]);
    threshold.observe(scores[next]);
    next = (next + 1) % scores.length;
    return threshold.current();
  }
}
