package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.codec.CorruptStateException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdFactoryTest {

  private static ThresholdSpec spec(ThresholdMethod method, Map<String, Double> parameters) {
    return ThresholdSpec.of(method, parameters, 0.8);
  }

  @Test
  void createsTheImplementationOfEachMethod() {
    assertThat(ThresholdFactory.create(spec(ThresholdMethod.STATIC, Map.of("value", 2.0))))
        .isInstanceOf(StaticThreshold.class);
    assertThat(ThresholdFactory.create(spec(ThresholdMethod.EWMA, Map.of())))
        .isInstanceOf(EwmaThreshold.class);
    assertThat(ThresholdFactory.create(spec(ThresholdMethod.QUANTILE, Map.of())))
        .isInstanceOf(QuantileThreshold.class);
    assertThat(ThresholdFactory.create(spec(ThresholdMethod.SPOT, Map.of())))
        .isInstanceOf(SpotThreshold.class);
    assertThat(ThresholdFactory.create(spec(ThresholdMethod.DSPOT, Map.of())))
        .isInstanceOf(DspotThreshold.class);
  }

  @Test
  void everyMethodRoundTripsThroughRestore() {
    SplittableRandom random = new SplittableRandom(51);
    for (ThresholdMethod method : ThresholdMethod.values()) {
      AdaptiveThreshold original =
          ThresholdFactory.create(
              spec(method, method == ThresholdMethod.STATIC ? Map.of("value", 2.0) : Map.of()));
      for (int i = 0; i < 1_500; i++) {
        original.observe(Synthetic.exponential(random, 1));
      }

      AdaptiveThreshold restored = ThresholdFactory.restore(original.toBytes());

      assertThat(restored.method()).isEqualTo(method);
      assertThat(restored.current()).isEqualTo(original.current());
      assertThat(restored.observations()).isEqualTo(1_500);
      assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }
  }

  @Test
  void aDifferentMethodStartsAfresh() {
    AdaptiveThreshold ewma = ThresholdFactory.create(spec(ThresholdMethod.EWMA, Map.of()));
    ewma.observe(1);

    ThresholdFactory.Reconfigured next =
        ThresholdFactory.reconfigure(ewma, spec(ThresholdMethod.QUANTILE, Map.of()));

    assertThat(next.stateKept()).isFalse();
    assertThat(next.threshold().observations()).isZero();
  }

  @Test
  void spotKeepsItsTailUnderANewRiskButNotUnderANewLevel() {
    AdaptiveThreshold spot =
        ThresholdFactory.create(spec(ThresholdMethod.SPOT, Map.of("level", 0.9, "q", 1e-2)));
    SplittableRandom random = new SplittableRandom(52);
    for (int i = 0; i < 1_200; i++) {
      spot.observe(Synthetic.exponential(random, 1));
    }
    TailSummary tail = ((SpotThreshold) spot).tail().orElseThrow();

    ThresholdFactory.Reconfigured riskier =
        ThresholdFactory.reconfigure(
            spot, spec(ThresholdMethod.SPOT, Map.of("level", 0.9, "q", 1e-3)));
    ThresholdFactory.Reconfigured relevelled =
        ThresholdFactory.reconfigure(
            spot, spec(ThresholdMethod.SPOT, Map.of("level", 0.95, "q", 1e-3)));

    assertThat(riskier.stateKept()).isTrue();
    assertThat(riskier.threshold().current().getAsDouble())
        .isEqualTo(tail.fit().quantile(tail.initialThreshold(), 1e-3, tail.n(), tail.peaks()));
    assertThat(relevelled.stateKept()).isFalse();
    assertThat(relevelled.threshold().isReady()).isFalse();
  }

  @Test
  void staticTakesTheNewValueAndKeepsItsCount() {
    AdaptiveThreshold fixed =
        ThresholdFactory.create(spec(ThresholdMethod.STATIC, Map.of("value", 2.0)));
    fixed.observe(1);

    ThresholdFactory.Reconfigured next =
        ThresholdFactory.reconfigure(fixed, spec(ThresholdMethod.STATIC, Map.of("value", 3.0)));

    assertThat(next.stateKept()).isTrue();
    assertThat(next.threshold().current()).hasValue(3.0);
    assertThat(next.threshold().observations()).isEqualTo(1);
  }

  @Test
  void corruptStateIsReportedNotMisread() {
    byte[] bytes = ThresholdFactory.create(spec(ThresholdMethod.EWMA, Map.of())).toBytes();

    assertThatThrownBy(() -> ThresholdFactory.restore(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("field 'variance'")
        .hasMessageContaining("truncated");
    byte[] unknownMethod = bytes.clone();
    unknownMethod[1] = 99;
    assertThatThrownBy(() -> ThresholdFactory.restore(unknownMethod))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage("AdaptiveThreshold state: field 'method' has unknown code 99");
    assertThatThrownBy(() -> SpotThreshold.fromBytes(bytes))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage("AdaptiveThreshold state: field 'method' is EWMA, expected SPOT");
  }
}
