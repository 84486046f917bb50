package io.vigil.bench.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void formatsDoneTotalRateAndTimeLeft() {
    assertThat(ProgressLine.format("e2e b=64", 50_000, 200_000, "frames", 10 * SECOND))
        .isEqualTo("[e2e b=64] 50,000/200,000 frames (25%)  5,000 frames/s  0:10  ETA 0:30");
    assertThat(ProgressLine.format("inference b=64", 1234, 0, "windows", 2 * SECOND))
        .isEqualTo("[inference b=64] 1,234 windows  617 windows/s  0:02");
    assertThat(ProgressLine.format("e2e", 0, 10, "windows", SECOND)).endsWith("ETA ?");
  }

  @Test
  void clockShowsMinutesAndHours() {
    assertThat(ProgressLine.clock(59.6)).isEqualTo("1:00");
    assertThat(ProgressLine.clock(3725)).isEqualTo("1:02:05");
  }

  @Test
  void plainOutputGetsOneLinePerIntervalAndOneAtTheEnd() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(text), false, now::get);
    progress.start("load backlog", 100, "frames");
    for (int i = 1; i <= 12; i++) {
      now.addAndGet(SECOND);
      progress.update(i * 8L);
    }
    progress.finish("96 frames");
    String[] lines = text.toString().split(System.lineSeparator());
    assertThat(lines)
        .containsExactly(
            "[load backlog] 40/100 frames (40%)  8 frames/s  0:05  ETA 0:08",
            "[load backlog] 80/100 frames (80%)  8 frames/s  0:10  ETA 0:03",
            "[load backlog] 96 frames (12.0 s)");
    assertThat(text.toString()).doesNotContain("\r");
  }

  @Test
  void aTerminalLineIsRedrawnInPlace() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress progress = new Progress(new PrintWriter(text), true, now::get);
    progress.start("e2e", 10, "windows");
    now.addAndGet(SECOND);
    progress.update(5);
    progress.finish("10 windows");
    assertThat(text.toString())
        .startsWith("\r[e2e] 5/10 windows (50%)")
        .endsWith("\r\u001b[K[e2e] 10 windows (1.0 s)" + System.lineSeparator());
  }
}
