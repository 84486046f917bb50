package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.AnomalyKind;
import io.vigil.simulate.InjectedAnomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeMatcherTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TOLERANCE = Duration.ofSeconds(32);

  private static InjectedAnomaly anomaly(String device, int from, int to) {
    return new InjectedAnomaly(
        device + "@" + from,
        device,
        AnomalyKind.SPIKE,
        "flow",
        T0.plusSeconds(from),
        T0.plusSeconds(to));
  }

  private static EpisodeMatcher.Opening opening(String device, int at) {
    return new EpisodeMatcher.Opening(device, T0.plusSeconds(at));
  }

  @Test
  void anOpeningDuringAnAnomalyOrWithinTheToleranceAfterDetectsIt() {
    InjectedAnomaly a = anomaly("d1", 100, 120);
    InjectedAnomaly b = anomaly("d2", 100, 120);
    List<InjectedAnomaly> all = List.of(a, b);

    EpisodeMatcher.Result r =
        EpisodeMatcher.match(
            all,
            all,
            List.of(opening("d1", 150), opening("d2", 153), opening("d1", 99)),
            TOLERANCE);

    // d1 at 150 is within 32 s of the end; d2 at 153 is one second too late; d1 at 99 too early.
    assertThat(r).isEqualTo(new EpisodeMatcher.Result(2, 1, 2));
  }

  @Test
  void anOpeningCausedByAnAnomalyTooLateToBeCountedIsNotFalse() {
    InjectedAnomaly counted = anomaly("d1", 100, 120);
    InjectedAnomaly late = anomaly("d2", 2_990, 3_060);

    EpisodeMatcher.Result r =
        EpisodeMatcher.match(
            List.of(counted),
            List.of(counted, late),
            List.of(opening("d1", 110), opening("d2", 2_995), opening("d3", 500)),
            TOLERANCE);

    assertThat(r.injected()).isEqualTo(1);
    assertThat(r.detected()).isEqualTo(1);
    assertThat(r.falseEpisodes()).as("only d3's opening has no anomaly").isEqualTo(1);
  }
}
