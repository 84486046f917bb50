package io.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The reorder buffer against a sorted map doing the same operations. */
class ReorderBufferTest {

  @Property(tries = 500, seed = "3")
  void keepsFramesInTimeOrderLikeASortedMap(
      @ForAll @Size(max = 300) List<@IntRange(min = -40, max = 40) Integer> script) {
    ReorderBuffer buffer = new ReorderBuffer();
    TreeMap<Long, double[]> model = new TreeMap<>();
    long now = 0;
    for (int step : script) {
      if (step < -30 && !model.isEmpty()) {
        // release the oldest
        Map.Entry<Long, double[]> first = model.pollFirstEntry();
        assertThat(buffer.firstTime()).isEqualTo(first.getKey());
        assertThat(buffer.firstValues()).isSameAs(first.getValue());
        buffer.removeFirst();
      } else {
        // mostly in order, sometimes overtaking up to 30 frames
        now += 1;
        long time = now + Math.min(step, 0);
        double[] values = {time};
        if (model.containsKey(time)) {
          assertThat(buffer.get(time)).isSameAs(model.get(time));
        } else {
          assertThat(buffer.get(time)).isNull();
          model.put(time, values);
          buffer.put(time, values);
        }
      }
      assertThat(buffer.size()).isEqualTo(model.size());
      assertThat(buffer.isEmpty()).isEqualTo(model.isEmpty());
      int i = 0;
      for (Map.Entry<Long, double[]> e : model.entrySet()) {
        assertThat(buffer.time(i)).isEqualTo(e.getKey());
        assertThat(buffer.values(i)).isSameAs(e.getValue());
        i++;
      }
    }
  }
}
