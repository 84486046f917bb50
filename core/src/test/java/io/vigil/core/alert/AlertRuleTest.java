package io.vigil.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.policy.InvalidPolicyException;
import io.vigil.core.scoring.SeverityBands;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

  @Test
  void defaultsMatchTheDocumentation() {
    assertThat(AlertRule.DEFAULT)
        .isEqualTo(new AlertRule(3, 5, 5, 60_000, new SeverityBands(1.5, 2, 4), 3));
  }

  @Test
  void mMayNotExceedN() {
    assertThatThrownBy(() -> new AlertRule(4, 3, 1, 0, SeverityBands.DEFAULT, 3))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.openWhenExceeded': found 4, allowed whole numbers in"
                + " [1, 3]");
  }

  @Test
  void historyLengthIsBounded() {
    assertThatThrownBy(() -> new AlertRule(1, 5000, 1, 0, SeverityBands.DEFAULT, 3))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.ofLastWindows': found 5000, allowed whole numbers in"
                + " [1, 1000]");
  }

  @Test
  void negativeUpdateIntervalIsRefused() {
    assertThatThrownBy(() -> new AlertRule(1, 1, 1, -5, SeverityBands.DEFAULT, 3))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.updateIntervalMillis': found -5, allowed [0, +inf)");
  }

  @Test
  void closeAfterAndTopChannelsAreValidated() {
    assertThatThrownBy(() -> new AlertRule(1, 1, 0, 0, SeverityBands.DEFAULT, 3))
        .hasMessageContaining("'alertRule.closeAfterNormal': found 0");
    assertThatThrownBy(() -> new AlertRule(1, 1, 1, 0, SeverityBands.DEFAULT, 65))
        .hasMessageContaining(
            "'alertRule.topChannels': found 65, allowed whole numbers in [0, 64]");
    assertThatThrownBy(() -> new AlertRule(1, 1, 1, 0, null, 3))
        .hasMessageContaining("'alertRule.severityBands': found missing");
  }
}
