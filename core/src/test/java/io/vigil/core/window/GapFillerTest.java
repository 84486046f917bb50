package io.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GapFillerTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final double NAN = Double.NaN;

  @Test
  void carriesTheLastValueForwardUpToNSteps() {
    GapFiller filler = new GapFiller(new GapFillPolicy(2, 1_000), 2);
    filler.fill(Frame.of(T0, 1.0, 10.0));

    GapFiller.Filled oneStep = filler.fill(Frame.of(T0 + 1_000, NAN, 11.0));
    GapFiller.Filled twoSteps = filler.fill(Frame.of(T0 + 2_000, NAN, 12.0));
    GapFiller.Filled threeSteps = filler.fill(Frame.of(T0 + 3_000, NAN, 13.0));

    assertThat(oneStep.values()).containsExactly(1.0, 11.0);
    assertThat(twoSteps.scorable()).isTrue();
    assertThat(twoSteps.values()).containsExactly(1.0, 12.0);
    assertThat(threeSteps.scorable()).isFalse();
    assertThat(threeSteps.unfillableChannel()).isZero();
    assertThat(threeSteps.lastSeen()).isEqualTo(T0);
  }

  @Test
  void stepsAreRoundedSoJitterDoesNotCountAsAStep() {
    GapFiller filler = new GapFiller(new GapFillPolicy(1, 1_000), 1);
    filler.fill(Frame.of(T0, 5.0));

    assertThat(filler.fill(Frame.of(T0 + 1_400, NAN)).scorable()).isTrue();
    assertThat(filler.fill(Frame.of(T0 + 1_600, NAN)).scorable()).isFalse();
  }

  @Test
  void aChannelNeverSeenCannotBeFilled() {
    GapFiller filler = new GapFiller(new GapFillPolicy(5, 1_000), 2);

    GapFiller.Filled filled = filler.fill(Frame.of(T0, 1.0, NAN));

    assertThat(filled.unfillableChannel()).isEqualTo(1);
    assertThat(filled.lastSeen()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void zeroStepsMeansNoFilling() {
    GapFiller filler = new GapFiller(new GapFillPolicy(0, 1_000), 1);
    filler.fill(Frame.of(T0, 5.0));

    assertThat(filler.fill(Frame.of(T0 + 1_000, NAN)).scorable()).isFalse();
  }
}
