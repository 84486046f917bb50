package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.policy.InvalidPolicyException;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdSpecTest {

  @Test
  void absentParametersTakeTheDocumentedDefaults() {
    ThresholdSpec spec = ThresholdSpec.of(ThresholdMethod.DSPOT, Map.of("q", 1e-3), 0.7);

    assertThat(spec.resolvedParameters())
        .containsExactly(
            Map.entry("depth", 10.0),
            Map.entry("initSize", 1000.0),
            Map.entry("level", 0.98),
            Map.entry("maxPeaks", 2000.0),
            Map.entry("q", 1e-3));
    assertThat(spec.warmupWindows()).isEqualTo(ThresholdSpec.DEFAULT_WARMUP_WINDOWS);
    assertThat(ThresholdSpec.of(ThresholdMethod.EWMA, Map.of(), 1).resolvedParameters())
        .containsExactly(Map.entry("alpha", 0.01), Map.entry("k", 3.0));
    assertThat(ThresholdSpec.of(ThresholdMethod.QUANTILE, Map.of(), 1).resolvedParameters())
        .containsExactly(
            Map.entry("compression", 100.0),
            Map.entry("margin", 1.0),
            Map.entry("quantile", 0.995));
  }

  @Test
  void unknownParameterIsNamedWithTheAllowedOnes() {
    assertThatThrownBy(
            () -> ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.1, "beta", 2.0), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.parameters.beta': found an unknown parameter for EWMA,"
                + " allowed one of [alpha, k]");
  }

  @Test
  void missingRequiredParameterIsNamed() {
    assertThatThrownBy(() -> ThresholdSpec.of(ThresholdMethod.STATIC, Map.of(), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.parameters.value': found missing, allowed [0, +inf)"
                + " (required for STATIC)");
  }

  @Test
  void outOfRangeValueIsNamedWithTheRange() {
    assertThatThrownBy(() -> ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.0), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("invalid policy field 'threshold.parameters.alpha': found 0, allowed (0, 1]");
    assertThatThrownBy(() -> ThresholdSpec.of(ThresholdMethod.QUANTILE, Map.of("quantile", 1.0), 1))
        .hasMessage(
            "invalid policy field 'threshold.parameters.quantile': found 1, allowed (0, 1)");
  }

  @Test
  void countsMustBeWholeNumbers() {
    assertThatThrownBy(() -> ThresholdSpec.of(ThresholdMethod.SPOT, Map.of("initSize", 500.5), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.parameters.initSize': found 500.5, allowed whole"
                + " numbers in [20, 20000]");
  }

  @Test
  void riskMustLieBelowTheShareOfScoresAboveT() {
    assertThatThrownBy(
            () -> ThresholdSpec.of(ThresholdMethod.SPOT, Map.of("level", 0.99, "q", 0.02), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageStartingWith(
            "invalid policy field 'threshold.parameters.q': found 0.02, allowed (0, 0.01");
  }

  @Test
  void calibrationMustYieldEnoughExcesses() {
    // Level 0.98 leaves 2% of the calibration above t: 100 scores give one excess; 251 give 5.
    assertThatThrownBy(() -> ThresholdSpec.of(ThresholdMethod.SPOT, Map.of("initSize", 100.0), 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.parameters.initSize': found 100, allowed at least 251"
                + " with level 0.98, so that calibration yields 5 excesses over t");
    assertThatThrownBy(
            () ->
                ThresholdSpec.of(
                    ThresholdMethod.DSPOT, Map.of("initSize", 300.0, "depth", 50.0), 1))
        .hasMessageContaining("allowed at least 301 with level 0.98 and depth 50");
  }

  @Test
  void warmupAndSuggestedThresholdAreValidated() {
    assertThatThrownBy(() -> new ThresholdSpec(ThresholdMethod.EWMA, Map.of(), -1, 1))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.warmupWindows': found -1, allowed whole numbers in"
                + " [0, 1000000]");
    assertThatThrownBy(() -> new ThresholdSpec(ThresholdMethod.EWMA, Map.of(), 5, Double.NaN))
        .hasMessage(
            "invalid policy field 'threshold.suggestedThreshold': found NaN, allowed [0, +inf)");
  }

  @Test
  void methodNamesParseCaseInsensitivelyInAnyLocale() {
    Locale before = Locale.getDefault();
    try {
      // Turkish upper-cases "i" to a dotted capital; parsing must not depend on that.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(ThresholdMethod.parse("spot")).isEqualTo(ThresholdMethod.SPOT);
      assertThat(ThresholdMethod.parse(" Quantile ")).isEqualTo(ThresholdMethod.QUANTILE);
    } finally {
      Locale.setDefault(before);
    }
    assertThatThrownBy(() -> ThresholdMethod.parse("median"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'threshold.method': found 'median', allowed one of"
                + " [STATIC, EWMA, QUANTILE, SPOT, DSPOT, LIKELIHOOD]");
  }

  @Test
  void equalSpecsAreEqualWhateverTheMapOrder() {
    ThresholdSpec a = ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.1, "k", 2.0), 1);
    ThresholdSpec b = ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("k", 2.0, "alpha", 0.1), 1);

    assertThat(a).isEqualTo(b);
    assertThat(a.parameters()).containsExactly(Map.entry("alpha", 0.1), Map.entry("k", 2.0));
  }
}
