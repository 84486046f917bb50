package io.vigil.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceTest {
  @Test
  void framesAreDueAtTheirEventOffsetDividedByTheSpeed() {
    assertThat(Pace.parse("max").dueMillis(3_600_000)).isZero();
    assertThat(Pace.parse("realtime").dueMillis(3_600_000)).isEqualTo(3_600_000);
    assertThat(Pace.parse("x60").dueMillis(3_600_000)).isEqualTo(60_000);
    assertThat(Pace.parse(" X0.5 ").dueMillis(1_000)).isEqualTo(2_000);
  }

  @Test
  void anUnknownPaceSaysWhatIsExpected() {
    for (String bad : new String[] {"fast", "x0", "x-2", "xabc", "x", "xInfinity"}) {
      assertThatThrownBy(() -> Pace.parse(bad))
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("expected max, realtime or xN");
    }
  }
}
