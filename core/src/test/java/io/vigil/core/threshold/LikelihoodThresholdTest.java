package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class LikelihoodThresholdTest {
  private static final double Q = 1e-3;
  private static final int SCORES = 200_000;

  @Test
  void isReadyOnceThirtyRecentMeansWereLearned() {
    LikelihoodThreshold likelihood = new LikelihoodThreshold(Q, 10, 1000);
    for (int i = 0; i < 10 + LikelihoodThreshold.MIN_MEANS - 2; i++) {
      likelihood.observe(1 + i % 3);
    }
    assertThat(likelihood.isReady()).isFalse();
    assertThat(likelihood.current()).isEmpty();

    likelihood.observe(2);

    assertThat(likelihood.isReady()).isTrue();
    assertThat(likelihood.current()).isPresent();
    assertThat(likelihood.likelihood().getAsDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void exceedsAtMostAboutQOnStationarySeriesOfVeryDifferentShapes() {
    SplittableRandom random = new SplittableRandom(5);
    double[] ar = {0};
    assertThat(rate(() -> 10 + Synthetic.gaussian(random))).isBetween(Q / 4, 2 * Q);
    assertThat(rate(() -> Synthetic.exponential(random, 1))).isLessThan(2 * Q);
    assertThat(
            rate(
                () -> {
                  ar[0] = 0.9 * ar[0] + Synthetic.exponential(random, 1);
                  return ar[0];
                }))
        .isLessThan(2 * Q);
  }

  @Test
  void givesTheSameVerdictsWhateverTheScale() {
    long[] counts = new long[3];
    double[] scales = {1e-3, 1, 1e3};
    for (int s = 0; s < scales.length; s++) {
      SplittableRandom random = new SplittableRandom(6);
      double scale = scales[s];
      counts[s] =
          Math.round(
              SCORES
                  * rate(() -> scale * Synthetic.exponential(random, 1) * (1 + random.nextInt(2))));
    }
    assertThat(counts[0]).isEqualTo(counts[1]).isEqualTo(counts[2]).isPositive();
  }

  @Test
  void aSustainedShiftExceedsWithinAFewWindowsWhereASingleScoreTestDoesNot() {
    SplittableRandom random = new SplittableRandom(9);
    LikelihoodThreshold likelihood = new LikelihoodThreshold(1e-4, 10, 1000);
    EwmaThreshold ewma = new EwmaThreshold(0.02, 4);
    for (int i = 0; i < 5_000; i++) {
      double score = 10 + Synthetic.gaussian(random);
      likelihood.judged(score);
      likelihood.observe(score);
      ewma.observe(score);
    }
    int firstLikelihood = -1;
    boolean ewmaExceeded = false;
    for (int i = 0; i < 100; i++) {
      double score = 12 + Synthetic.gaussian(random); // two standard deviations up
      if (firstLikelihood < 0 && score > likelihood.current().getAsDouble()) {
        firstLikelihood = i;
      }
      ewmaExceeded |= score > ewma.current().getAsDouble();
      likelihood.judged(score);
      likelihood.observe(score);
      ewma.observe(score);
    }
    assertThat(firstLikelihood).isBetween(0, 10);
    assertThat(ewmaExceeded).isFalse();
  }

  @Test
  void theRecentMeanIsOfTheScoresJudgedWhetherOrNotTheyWereLearned() {
    LikelihoodThreshold likelihood = new LikelihoodThreshold(Q, 10, 1000);
    for (int i = 0; i < 200; i++) {
      likelihood.judged(1 + i % 3);
      likelihood.observe(1 + i % 3);
    }
    double before = likelihood.current().getAsDouble();

    for (int i = 0; i < 9; i++) {
      likelihood.judged(5); // raised scores inside an episode: judged, not learned
    }

    assertThat(likelihood.observations()).isEqualTo(200);
    assertThat(likelihood.current().getAsDouble()).isLessThan(before);
    assertThat(likelihood.likelihood().getAsDouble()).isGreaterThan(0.999);
  }

  @Test
  void retuningKeepsTheStateUnlessTheShortWindowChanges() {
    LikelihoodThreshold likelihood = new LikelihoodThreshold(Q, 10, 1000);
    for (int i = 0; i < 100; i++) {
      likelihood.observe(1 + i % 5);
    }

    LikelihoodThreshold longer =
        likelihood.retune(
            ThresholdSpec.of(ThresholdMethod.LIKELIHOOD, Map.of("longWindow", 5000.0), 1));
    LikelihoodThreshold shorter =
        likelihood.retune(
            ThresholdSpec.of(ThresholdMethod.LIKELIHOOD, Map.of("shortWindow", 5.0), 1));

    assertThat(longer.observations()).isEqualTo(100);
    assertThat(longer.isReady()).isTrue();
    assertThat(shorter).isNull();
  }

  @Test
  void restoredCopyContinuesIdentically() {
    SplittableRandom random = new SplittableRandom(4);
    LikelihoodThreshold original = new LikelihoodThreshold(Q, 7, 200);
    for (int i = 0; i < 100; i++) {
      double score = Synthetic.exponential(random, 1);
      original.judged(score);
      if (i % 3 > 0) {
        original.observe(score);
      }
    }

    LikelihoodThreshold restored = LikelihoodThreshold.fromBytes(original.toBytes());

    for (int i = 0; i < 300; i++) {
      double score = Synthetic.exponential(random, 1);
      original.judged(score);
      restored.judged(score);
      original.observe(score);
      restored.observe(score);
      assertThat(restored.current()).isEqualTo(original.current());
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    assertThat(ThresholdFactory.restore(original.toBytes()))
        .isInstanceOf(LikelihoodThreshold.class);
  }

  private static double rate(DoubleSupplier scores) {
    return Synthetic.exceedanceRate(new LikelihoodThreshold(Q, 10, 1000), SCORES, scores);
  }
}
