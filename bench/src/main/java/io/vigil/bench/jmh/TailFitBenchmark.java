package io.vigil.bench.jmh;

import io.vigil.core.threshold.GpdFit;
import io.vigil.core.threshold.GpdFitter;
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
 * One refit of SPOT's tail after a new excess, as SPOT and DSPOT do at every peak: a ring of 2,000
 * excesses (their default {@code maxPeaks}) over the 98 % quantile of log-normal scores, one in 200
 * of them censored, the oldest replaced by a new one per operation. {@code full} is the grid search
 * ({@link GpdFitter#fitCensored}), {@code warm} the search from the previous fit ({@link
 * GpdFitter#refit}) that SPOT uses between full searches; both in one run, side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TailFitBenchmark {
  private static final int PEAKS = 2000;
  private static final int CENSOR_EVERY = 200;

  /** The search measured: {@code full} or {@code warm}. */
  @Param({"full", "warm"})
  public String search;

  private final double[] ring = new double[PEAKS];
  private final double[] exact = new double[PEAKS];
  private final double[] censored = new double[PEAKS];
  private double[] fresh;
  private double bound;
  private int next;
  private GpdFit fit;

  /** Fills the ring with excesses over the 98 % quantile of log-normal scores. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(Shapes.SEED);
    // 98 % quantile of exp(0.5 Z): exp(0.5 * 2.0537).
    double t = Math.exp(0.5 * 2.0537);
    bound = 3 * t;
    fresh = new double[8192];
    int kept = 0;
    while (kept < fresh.length) {
      double score = Math.exp(random.nextGaussian() * 0.5);
      if (score > t) {
        fresh[kept++] = score - t;
      }
    }
    for (int i = 0; i < PEAKS; i++) {
      ring[i] = excess(i);
    }
    fit = refit(true);
  }

  /** Replaces the oldest excess and refits. */
  @Benchmark
  public GpdFit refit() {
    ring[next % PEAKS] = excess(PEAKS + next);
    next++;
    fit = refit("full".equals(search));
    return fit;
  }

  private double excess(int i) {
    return i % CENSOR_EVERY == 0 ? -bound : fresh[i % fresh.length];
  }

  private GpdFit refit(boolean full) {
    int count = 0;
    int censoredCount = 0;
    for (double value : ring) {
      if (value > 0) {
        exact[count++] = value;
      } else {
        censored[censoredCount++] = -value;
      }
    }
    return full
        ? GpdFitter.fitCensored(exact, count, censored, censoredCount)
        : GpdFitter.refit(exact, count, censored, censoredCount, fit);
  }
}
