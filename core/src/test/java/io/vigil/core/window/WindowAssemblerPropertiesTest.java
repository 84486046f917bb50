package io.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of window assembly over arbitrary frame streams: jittered, reordered, repeated,
 * paused, with missing and extreme values. Seeds are fixed, so every run tries the same cases.
 */
class WindowAssemblerPropertiesTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 1_000;
  private static final List<String> CHANNELS = List.of("a", "b", "c");

  /** A frame as generated: its offset in steps from T0 (with jitter) and its values. */
  record Gen(int step, int jitterMillis, double[] values) {
    Frame frame() {
      return Frame.of(T0 + step * STEP + jitterMillis, values.clone());
    }
  }

  @Provide
  Arbitrary<List<Gen>> streams() {
    Arbitrary<Double> value =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.doubles().between(-1e6, 1e6)),
            Tuple.of(1, Arbitraries.just(Double.NaN)),
            Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, 3e38, -3e38)));
    Arbitrary<double[]> values = value.array(double[].class).ofSize(CHANNELS.size());
    // Steps mostly advance by one, sometimes repeat, go back a little, or pause.
    Arbitrary<Integer> delta =
        Arbitraries.frequency(
            Tuple.of(80, 1), Tuple.of(5, 0), Tuple.of(5, -2), Tuple.of(5, 3), Tuple.of(5, 12));
    Arbitrary<Integer> jitter = Arbitraries.integers().between(-200, 200);
    return Combinators.combine(
            delta.list().ofMinSize(1).ofMaxSize(300),
            jitter.list().ofSize(300),
            values.list().ofSize(300))
        .as(
            (deltas, jitters, vals) -> {
              List<Gen> out = new ArrayList<>();
              int step = 0;
              for (int i = 0; i < deltas.size(); i++) {
                step = Math.max(0, step + deltas.get(i));
                out.add(new Gen(step, jitters.get(i), vals.get(i)));
              }
              return out;
            });
  }

  private static WindowSpec spec(int w, int s, long graceSteps) {
    return new WindowSpec(CHANNELS, w, s, graceSteps * STEP, new GapFillPolicy(2, STEP));
  }

  @Property(tries = 200, seed = "11")
  void restoringFromHeadAndSavedFramesAtAnyPointContinuesIdentically(
      @ForAll("streams") List<Gen> stream,
      @ForAll @IntRange(min = 1, max = 12) int w,
      @ForAll @IntRange(min = 1, max = 5) int s,
      @ForAll @IntRange(min = 0, max = 4) int grace,
      @ForAll @IntRange(min = 0, max = 300) int cut,
      @ForAll @IntRange(min = 1, max = 10) int slotsPerRecord) {
    WindowSpec spec = spec(w, s, grace);
    WindowAssembler original = new WindowAssembler(spec);
    Map<Long, byte[]> slots = new HashMap<>();
    byte[] head = original.encodeHead();
    int split = Math.min(cut, stream.size());
    for (int i = 0; i < split; i++) {
      original.offer(stream.get(i).frame());
      original.saveFrames(
          slotsPerRecord,
          (group, bytes) ->
              WindowAssembler.framesOfRecord(bytes)
                  .forEach((slot, frame) -> slots.put((long) slot, frame)));
      head = original.encodeHead();
    }
    WindowAssembler restored = WindowAssembler.restore(head, slots::get);
    for (int i = split; i < stream.size(); i++) {
      Frame frame = stream.get(i).frame();
      AssemblyResult expected = original.offer(frame);
      AssemblyResult actual = restored.offer(frame);
      assertThat(actual).isEqualTo(expected);
      for (AssemblyEvent e : expected.events()) {
        if (e instanceof AssemblyEvent.WindowReady ready) {
          assertThat(restored.window(ready.window()).toArray())
              .isDeepEqualTo(original.window(ready.window()).toArray());
        }
      }
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
  }

  @Property(tries = 200, seed = "11")
  void windowsHoldWFramesInStrictlyIncreasingTimeAndEndLaterThanTheLast(
      @ForAll("streams") List<Gen> stream,
      @ForAll @IntRange(min = 1, max = 12) int w,
      @ForAll @IntRange(min = 1, max = 5) int s,
      @ForAll @IntRange(min = 0, max = 4) int grace) {
    WindowAssembler assembler = new WindowAssembler(spec(w, s, grace));
    long lastEnd = Long.MIN_VALUE;
    Set<Long> accepted = new HashSet<>();
    for (Gen g : stream) {
      AssemblyResult r = assembler.offer(g.frame());
      long t = g.frame().time();
      // A duplicate or a merge repeats an instant that was accepted before; a new instant is not.
      if (r.outcome() instanceof FrameOutcome.Duplicate
          || r.outcome() instanceof FrameOutcome.Merged) {
        assertThat(accepted).contains(t);
      } else if (r.outcome() instanceof FrameOutcome.Accepted) {
        assertThat(accepted.add(t)).isTrue();
      }
      for (AssemblyEvent e : r.events()) {
        if (e instanceof AssemblyEvent.WindowReady ready) {
          Window window = assembler.window(ready.window());
          long[] times = window.frameTimes();
          assertThat(times).hasSize(w);
          for (int i = 1; i < times.length; i++) {
            assertThat(times[i]).isGreaterThan(times[i - 1]);
          }
          assertThat(window.endTime()).isGreaterThan(lastEnd);
          lastEnd = window.endTime();
          for (float[] row : window.toArray()) {
            for (float v : row) {
              assertThat(Float.isNaN(v)).isFalse();
            }
          }
          assembler.acknowledge(ready.window());
        }
      }
    }
    assertThat(assembler.pendingCount()).isZero();
  }
}
