package io.vigil.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.window.AssemblyEvent;
import io.vigil.core.window.Frame;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowCountTest {

  @Test
  void framesWithinTheGraceOfTheNewestStayBuffered() {
    assertThat(WindowCount.heldFrames(5000, 1000, 1000)).isEqualTo(5);
    assertThat(WindowCount.heldFrames(0, 1000, 1000)).isZero();
    assertThat(WindowCount.heldFrames(4500, 1000, 1000)).isEqualTo(5);
    // Frames five times a second: the buffer's capacity (2 * 5 + 2) binds before the grace.
    assertThat(WindowCount.heldFrames(5000, 1000, 200)).isEqualTo(12);
  }

  @Test
  void countsTheFirstWindowAtWAndThenOneEveryS() {
    assertThat(WindowCount.perDevice(150, 32, 4, 5)).isEqualTo(29);
    assertThat(WindowCount.perDevice(36, 32, 4, 0)).isEqualTo(2);
    assertThat(WindowCount.perDevice(35, 32, 4, 0)).isEqualTo(1);
    assertThat(WindowCount.perDevice(36, 32, 4, 5)).isZero();
  }

  /** The formula is checked against the assembler the stream uses. */
  @ParameterizedTest
  @CsvSource({
    "150, 32, 4, 5000, 1000, 1000",
    "100, 32, 1, 5000, 1000, 1000",
    "90, 20, 7, 0, 1000, 1000",
    "300, 32, 4, 5000, 1000, 200",
    "64, 32, 32, 3000, 1000, 1000"
  })
  void agreesWithCoresWindowAssembler(
      int frames, int window, int stride, long grace, long step, long spacing) {
    WindowAssembler assembler =
        new WindowAssembler(
            new WindowSpec(List.of("a", "b"), window, stride, grace, new GapFillPolicy(3, step)));
    List<AssemblyEvent> events = new ArrayList<>();
    for (int k = 0; k < frames; k++) {
      events.addAll(assembler.offer(Frame.of(1_000_000L + k * spacing, k, -k)).events());
    }
    long windows = events.stream().filter(e -> e instanceof AssemblyEvent.WindowReady).count();
    assertThat(windows)
        .isEqualTo(
            WindowCount.perDevice(
                frames, window, stride, WindowCount.heldFrames(grace, step, spacing)));
    assertThat(assembler.buffered()).isEqualTo(WindowCount.heldFrames(grace, step, spacing));
  }
}
