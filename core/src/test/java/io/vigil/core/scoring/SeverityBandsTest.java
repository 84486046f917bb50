package io.vigil.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.policy.InvalidPolicyException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeverityBandsTest {

  private final SeverityBands bands = new SeverityBands(1.5, 2, 4);

  @Test
  void bandStartsBelongToTheirBand() {
    assertThat(bands.classify(1.49)).isEqualTo(Severity.LOW);
    assertThat(bands.classify(1.5)).isEqualTo(Severity.MEDIUM);
    assertThat(bands.classify(2)).isEqualTo(Severity.HIGH);
    assertThat(bands.classify(3.99)).isEqualTo(Severity.HIGH);
    assertThat(bands.classify(4)).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void classifiesScoreOverThreshold() {
    assertThat(bands.classify(9, 3)).isEqualTo(Severity.HIGH);
    assertThat(bands.classify(1, 0)).isEqualTo(Severity.CRITICAL);
    assertThat(bands.classify(0, 0)).isEqualTo(Severity.LOW);
  }

  @Test
  void refusesBandsThatAreNotAscending() {
    assertThatThrownBy(() -> SeverityBands.of(List.of(2.0, 1.5, 4.0)))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.severityBands': found [2.0, 1.5, 4.0], allowed three"
                + " strictly ascending ratios (MEDIUM, HIGH, CRITICAL starts)");
  }

  @Test
  void refusesAWrongNumberOfBands() {
    assertThatThrownBy(() -> SeverityBands.of(List.of(1.5, 2.0)))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.severityBands': found 2 values [1.5, 2.0], allowed"
                + " exactly 3 ascending ratios (MEDIUM, HIGH, CRITICAL starts)");
  }

  @Test
  void refusesNonPositiveStarts() {
    assertThatThrownBy(() -> new SeverityBands(0, 2, 4))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "invalid policy field 'alertRule.severityBands[0]': found 0, allowed (0, +inf)");
  }
}
