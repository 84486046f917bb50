package io.vigil.bench.stats;

import java.util.Arrays;

/**
 * Collects latency samples in milliseconds, in a growable primitive array (a latency phase of a
 * minute at thousands of windows a second holds a few hundred thousand samples: boxing them would
 * put the garbage collector into the measurement). Not thread-safe: one consumer thread records.
 */
public final class LatencyRecorder {
  private double[] samples = new double[1024];
  private int count;

  /**
   * Records one sample.
   *
   * @param millis the latency, finite
   */
  public void record(double millis) {
    if (!Double.isFinite(millis)) {
      throw new IllegalArgumentException("latency = " + millis + " ms, expected a finite number");
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = millis;
  }

  /** Returns the number of samples. */
  public int count() {
    return count;
  }

  /**
   * Returns the distribution of the samples so far.
   *
   * @return the summary; {@link LatencySummary#EMPTY} without samples
   */
  public LatencySummary summary() {
    return LatencySummary.of(Arrays.copyOf(samples, count));
  }
}
