package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileThresholdTest {

  @Test
  void tracksTheQuantileOfAKnownDistribution() {
    // Exp(1): the 0.995 quantile is ln(200) = 5.298. With 100,000 scores the sampling error of the
    // empirical quantile is sqrt(p (1 - p) / n) / f = 0.045; the digest must add little to it.
    SplittableRandom random = new SplittableRandom(41);
    QuantileThreshold threshold = new QuantileThreshold(0.995, 1.0, 100);
    double[] scores = Synthetic.sample(100_000, () -> Synthetic.exponential(random, 1));
    for (double score : scores) {
      threshold.observe(score);
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double exact = sorted[(int) (0.995 * sorted.length)];
    double estimate = threshold.current().getAsDouble();

    assertThat(estimate).isCloseTo(Math.log(200), within(4 * 0.045));
    assertThat(estimate).isCloseTo(exact, within(0.005 * exact));
  }

  @Test
  void appliesTheMargin() {
    QuantileThreshold plain = new QuantileThreshold(0.5, 1.0, 100);
    QuantileThreshold padded = new QuantileThreshold(0.5, 1.5, 100);
    for (int i = 1; i <= 99; i++) {
      plain.observe(i);
      padded.observe(i);
    }

    assertThat(padded.current().getAsDouble())
        .isCloseTo(1.5 * plain.current().getAsDouble(), within(1e-9));
  }

  @Test
  void memoryStaysBoundedByTheCompression() {
    QuantileThreshold threshold = new QuantileThreshold(0.99, 1.0, 50);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      threshold.observe(Synthetic.exponential(random, 1));
    }

    assertThat(threshold.centroidCount()).isLessThanOrEqualTo(2 * 50 + 10);
    assertThat(threshold.toBytes().length).isLessThan(2_500);
  }

  @Test
  void restoredCopyContinuesIdentically() {
    SplittableRandom random = new SplittableRandom(43);
    QuantileThreshold original = new QuantileThreshold(0.99, 1.1, 100);
    for (int i = 0; i < 5_000; i++) {
      original.observe(Synthetic.exponential(random, 1));
    }

    QuantileThreshold restored = QuantileThreshold.fromBytes(original.toBytes());

    for (int i = 0; i < 5_000; i++) {
      double score = Synthetic.exponential(random, 1);
      original.observe(score);
      restored.observe(score);
      assertThat(restored.current()).isEqualTo(original.current());
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void serialisingDoesNotChangeWhatComesAfter() {
    // A store writes state after every score; the backtest never does. Both must agree.
    SplittableRandom random = new SplittableRandom(44);
    QuantileThreshold stored = new QuantileThreshold(0.99, 1.0, 100);
    QuantileThreshold inMemory = new QuantileThreshold(0.99, 1.0, 100);
    for (int i = 0; i < 3_000; i++) {
      double score = Synthetic.exponential(random, 1);
      stored = QuantileThreshold.fromBytes(stored.toBytes());
      stored.observe(score);
      inMemory.observe(score);
    }

    assertThat(stored.current()).isEqualTo(inMemory.current());
  }

  @Test
  void retuningKeepsTheDigestUnlessTheCompressionChanges() {
    QuantileThreshold threshold = new QuantileThreshold(0.5, 1.0, 100);
    for (int i = 1; i <= 99; i++) {
      threshold.observe(i);
    }

    QuantileThreshold higher =
        threshold.retune(ThresholdSpec.of(ThresholdMethod.QUANTILE, Map.of("quantile", 0.9), 1));
    QuantileThreshold resized =
        threshold.retune(
            ThresholdSpec.of(ThresholdMethod.QUANTILE, Map.of("compression", 200.0), 1));

    assertThat(higher.observations()).isEqualTo(99);
    assertThat(higher.current().getAsDouble()).isCloseTo(90, within(1.0));
    assertThat(resized).isNull();
  }
}
