package io.vigil.core.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScoreRingTest {
  @Test
  void keepsTheNewestValuesOldestFirstOnceFull() {
    ScoreRing ring = new ScoreRing(3);
    ring.fill(new double[] {1, 2});
    assertThat(ring.ordered()).containsExactly(1, 2);
    ring.fill(new double[] {3, 4, 5});

    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.capacity()).isEqualTo(3);
    assertThat(ring.ordered()).containsExactly(3, 4, 5);
    assertThat(ring.sumOfNewest(2)).isEqualTo(9);
    assertThat(ring.sumOfNewest(10)).isEqualTo(12);
  }

  @Test
  void sumsOldestFirstSoThatARestoredRingSumsBitForBit() {
    // 1e16 + 1 + 1 depends on the order of the additions.
    ScoreRing ring = new ScoreRing(3);
    ring.fill(new double[] {7, 1e16, 1, 1});
    ScoreRing restored = new ScoreRing(3);
    restored.fill(ring.ordered());

    assertThat(ring.sumOfNewest(3)).isEqualTo((1e16 + 1) + 1);
    assertThat(restored.sumOfNewest(3)).isEqualTo(ring.sumOfNewest(3));
  }

  @Test
  void aCopyKeepsTheValuesAndCapacityAndARingOfSmallerCapacityTheNewest() {
    ScoreRing ring = new ScoreRing(5);
    ring.fill(new double[] {1, 2, 3, 4, 5, 6});
    ScoreRing smaller = new ScoreRing(2);
    smaller.fill(ring.ordered());

    assertThat(smaller.ordered()).containsExactly(5, 6);
    assertThat(ring.copy().ordered()).containsExactly(2, 3, 4, 5, 6);
    assertThat(ring.copy().capacity()).isEqualTo(5);
    assertThatThrownBy(() -> new ScoreRing(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
