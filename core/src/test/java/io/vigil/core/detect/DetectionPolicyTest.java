package io.vigil.core.detect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionPolicyTest {
  private static final ThresholdSpec SPEC = ThresholdSpec.of(ThresholdMethod.EWMA, Map.of(), 1);

  @Test
  void blankIdIsRefused() {
    assertThatThrownBy(() -> new DetectionPolicy(" ", 1, SPEC, AlertRule.DEFAULT))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("invalid policy field 'policyId': found ' ', allowed a non-blank id");
  }

  @Test
  void negativeVersionIsRefused() {
    assertThatThrownBy(() -> new DetectionPolicy("fleet", -1, SPEC, AlertRule.DEFAULT))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage("invalid policy field 'version': found -1, allowed [0, +inf)");
  }

  @Test
  void missingPartsAreNamed() {
    assertThatThrownBy(() -> new DetectionPolicy("fleet", 1, null, AlertRule.DEFAULT))
        .hasMessage("invalid policy field 'threshold': found missing, allowed a threshold spec");
    assertThatThrownBy(() -> new DetectionPolicy("fleet", 1, SPEC, null))
        .hasMessage("invalid policy field 'alertRule': found missing, allowed an alert rule");
  }
}
