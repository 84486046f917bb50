package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelMapTest {
  private static ChannelMap map(String[] names, double[] values, boolean[] nulls) {
    return new ChannelMap(new ChannelMap.Layout(names), values, nulls);
  }

  @Test
  void equalsAndHashesLikeAHashMapWithTheSameEntriesNullsIncluded() {
    ChannelMap channels =
        map(
            new String[] {"pressure", "flow", "rssi"},
            new double[] {1.5, 0, -0.0},
            new boolean[] {false, true, false});
    Map<String, Double> expected = new HashMap<>();
    expected.put("pressure", 1.5);
    expected.put("flow", null);
    expected.put("rssi", -0.0);

    assertThat(channels).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(expected).isEqualTo(channels);
    assertThat(channels.get("flow")).isNull();
    assertThat(channels.containsKey("flow")).isTrue();
    assertThat(channels.get("vibration")).isNull();
    assertThat(channels.containsKey("vibration")).isFalse();
    assertThat(channels.value(0)).isEqualTo(1.5);
    assertThat(channels.value(1)).isNaN();
    Map<String, Double> inOrder = new LinkedHashMap<>();
    channels.forEach(inOrder::put);
    assertThat(new ArrayList<>(inOrder.keySet())).containsExactly("pressure", "flow", "rssi");
    assertThat(new ArrayList<>(channels.keySet())).containsExactly("pressure", "flow", "rssi");
  }

  @Test
  void isReadOnly() {
    ChannelMap channels = map(new String[] {"a"}, new double[] {1}, null);

    assertThatThrownBy(() -> channels.put("b", 2.0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> channels.entrySet().iterator().next().setValue(3.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void findsNamesByEqualityNotOnlyIdentityInShortAndLongLayouts() {
    for (int size : new int[] {3, 40}) {
      String[] names = new String[size];
      double[] values = new double[size];
      for (int i = 0; i < size; i++) {
        names[i] = "ch-" + i;
        values[i] = i * 0.25;
      }
      ChannelMap channels = map(names, values, null);
      for (int i = 0; i < size; i++) {
        String copy = new String("ch-" + i);
        assertThat(channels.layout().indexOf(copy)).isEqualTo(i);
        assertThat(channels.get(copy)).isEqualTo(i * 0.25);
      }
      assertThat(channels.layout().indexOf("ch-" + size)).isEqualTo(-1);
      assertThat(channels.layout().indexOf(null)).isEqualTo(-1);
    }
  }

  @Test
  void tellsRepeatedNamesInShortAndLongLists() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add("x" + i);
    }
    String[] distinct = many.toArray(new String[0]);
    String[] repeatedLate = many.toArray(new String[0]);
    repeatedLate[29] = new String("x3");

    assertThat(ChannelMap.Layout.repeats(new String[] {"a", "b", "c"}, 3)).isFalse();
    assertThat(ChannelMap.Layout.repeats(new String[] {"a", "b", new String("a")}, 3)).isTrue();
    assertThat(ChannelMap.Layout.repeats(new String[] {"a", "b", "a"}, 2)).isFalse();
    assertThat(ChannelMap.Layout.repeats(distinct, 30)).isFalse();
    assertThat(ChannelMap.Layout.repeats(repeatedLate, 30)).isTrue();
  }
}
