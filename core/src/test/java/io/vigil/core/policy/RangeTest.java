package io.vigil.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeTest {

  @Test
  void honoursOpenAndClosedEnds() {
    Range alpha = Range.openClosed(0, 1);

    assertThat(alpha.contains(0)).isFalse();
    assertThat(alpha.contains(1e-9)).isTrue();
    assertThat(alpha.contains(1)).isTrue();
    assertThat(alpha.contains(Double.NaN)).isFalse();
    assertThat(alpha).hasToString("(0, 1]");
  }

  @Test
  void integerRangesRefuseFractions() {
    Range count = Range.integers(1, 10);

    assertThat(count.contains(3)).isTrue();
    assertThat(count.contains(3.5)).isFalse();
    assertThat(count).hasToString("whole numbers in [1, 10]");
  }

  @Test
  void checkFailureNamesFieldValueAndAllowedRange() {
    assertThatThrownBy(() -> Range.openClosed(0, 1).check("threshold.parameters.alpha", 1.5))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.field()).isEqualTo("threshold.parameters.alpha");
              assertThat(e.found()).isEqualTo("1.5");
              assertThat(e.allowed()).isEqualTo("(0, 1]");
            })
        .hasMessage("invalid policy field 'threshold.parameters.alpha': found 1.5, allowed (0, 1]");
  }

  @Test
  void unboundedEndsPrintAsInfinity() {
    assertThat(Range.closed(0, Double.POSITIVE_INFINITY)).hasToString("[0, +inf]");
  }
}
