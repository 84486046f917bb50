package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of every threshold method over arbitrary non-negative score streams: the threshold
 * stays finite and non-negative, and a restored copy goes on exactly as the original.
 */
class ThresholdPropertiesTest {
  @Provide
  Arbitrary<List<Double>> scores() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 1e-3).ofScale(9),
            Arbitraries.doubles().between(0, 10),
            Arbitraries.doubles().between(0, 1e30),
            Arbitraries.of(0.0, Double.MIN_VALUE, 1.0))
        .list()
        .ofMinSize(0)
        .ofMaxSize(1_500);
  }

  @Provide
  Arbitrary<ThresholdSpec> specs() {
    return Arbitraries.of(
        ThresholdSpec.of(ThresholdMethod.STATIC, Map.of("value", 0.3), 0.5),
        ThresholdSpec.of(ThresholdMethod.EWMA, Map.of(), 0.5),
        ThresholdSpec.of(ThresholdMethod.QUANTILE, Map.of(), 0.5),
        ThresholdSpec.of(ThresholdMethod.SPOT, Map.of("initSize", 300.0), 0.5),
        ThresholdSpec.of(ThresholdMethod.DSPOT, Map.of("initSize", 300.0), 0.5),
        ThresholdSpec.of(ThresholdMethod.LIKELIHOOD, Map.of(), 0.5),
        ThresholdSpec.of(ThresholdMethod.LIKELIHOOD, Map.of("shortWindow", 1.0), 0.5));
  }

  @Property(tries = 150, seed = "13")
  void theThresholdStaysFiniteAndNonNegativeAndSurvivesARestore(
      @ForAll("specs") ThresholdSpec spec, @ForAll("scores") List<Double> scores) {
    AdaptiveThreshold original = ThresholdFactory.create(spec);
    int half = scores.size() / 2;
    for (int i = 0; i < half; i++) {
      original.judged(scores.get(i));
      original.observe(scores.get(i));
      assertSane(original.current());
    }
    AdaptiveThreshold restored = ThresholdFactory.restore(original.toBytes());
    for (int i = half; i < scores.size(); i++) {
      original.judged(scores.get(i));
      restored.judged(scores.get(i));
      original.observe(scores.get(i));
      restored.observe(scores.get(i));
      assertSane(original.current());
      assertThat(restored.current()).isEqualTo(original.current());
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    assertThat(restored.observations()).isEqualTo(original.observations());
  }

  private static void assertSane(OptionalDouble threshold) {
    if (threshold.isPresent()) {
      assertThat(threshold.getAsDouble()).isFinite().isGreaterThanOrEqualTo(0.0);
    }
  }
}
