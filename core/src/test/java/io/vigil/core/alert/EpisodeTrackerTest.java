package io.vigil.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.scoring.ChannelShare;
import io.vigil.core.scoring.Severity;
import io.vigil.core.scoring.SeverityBands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 10_000;
  private static final double THRESHOLD = 1.0;
  private static final List<String> CHANNELS = List.of("temp", "vib", "rpm");
  private static final ChannelScores FLAT = ChannelScores.of(CHANNELS, new double[] {1, 1, 1});

  /** 3 of 5 opens, 2 normal close, updates at most every 30 s, top 2 channels. */
  private static final AlertRule RULE =
      new AlertRule(3, 5, 2, 30_000, new SeverityBands(1.5, 2, 4), 2);

  private static long at(int window) {
    return T0 + window * STEP;
  }

  /** Feeds windows 0.. as 'E' (score 1.2, exceeding) or 'N' (score 0.5); returns the events. */
  private static List<EpisodeEvent> feed(EpisodeTracker tracker, int firstWindow, String pattern) {
    List<EpisodeEvent> events = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      boolean exceeded = pattern.charAt(i) == 'E';
      tracker
          .onWindow(at(firstWindow + i), exceeded ? 1.2 : 0.5, THRESHOLD, exceeded, FLAT)
          .ifPresent(events::add);
    }
    return events;
  }

  @Test
  void opensAfterMOfNExceedances() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);

    List<EpisodeEvent> events = feed(tracker, 0, "NENEE");

    assertThat(events).hasSize(1);
    EpisodeEvent open = events.get(0);
    assertThat(open.kind()).isEqualTo(EpisodeEventKind.OPEN);
    assertThat(open.eventTime()).isEqualTo(at(4));
    // Dated by the first exceeding window of the 3 that opened it.
    assertThat(open.startTime()).isEqualTo(at(1));
    assertThat(open.episodeId()).isEqualTo("pump-7@" + at(1));
    assertThat(open.endTime()).isEmpty();
    assertThat(tracker.isOpen()).isTrue();
  }

  @Test
  void doesNotOpenWithFewerThanMExceedancesInTheLastN() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);

    // Every window of 5 holds at most 2 exceedances.
    assertThat(feed(tracker, 0, "EENNNEENNNEE")).isEmpty();
    assertThat(tracker.isOpen()).isFalse();
  }

  @Test
  void closesAfterQConsecutiveNormalWindows() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);

    // Opens at window 2; N E resets the normal run; N N closes at window 7.
    List<EpisodeEvent> events = feed(tracker, 0, "EEENENN");

    assertThat(events)
        .extracting(EpisodeEvent::kind)
        .containsExactly(EpisodeEventKind.OPEN, EpisodeEventKind.UPDATE, EpisodeEventKind.CLOSE);
    EpisodeEvent close = events.get(2);
    assertThat(close.eventTime()).isEqualTo(at(6));
    assertThat(close.endTime()).hasValue(at(4));
    assertThat(close.startTime()).isEqualTo(at(0));
    assertThat(close.episodeId()).isEqualTo(events.get(0).episodeId());
    assertThat(tracker.isOpen()).isFalse();
  }

  @Test
  void rateLimitsUpdatesInEventTime() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);

    // Open at window 2, then exceed every 10 s: updates 30 s apart at windows 5, 8, 11.
    List<EpisodeEvent> events = feed(tracker, 0, "EEEEEEEEEEEE");

    assertThat(events)
        .extracting(EpisodeEvent::kind)
        .containsExactly(
            EpisodeEventKind.OPEN,
            EpisodeEventKind.UPDATE,
            EpisodeEventKind.UPDATE,
            EpisodeEventKind.UPDATE);
    assertThat(events)
        .extracting(EpisodeEvent::eventTime)
        .containsExactly(at(2), at(5), at(8), at(11));
  }

  @Test
  void zeroIntervalUpdatesOnEveryWindowThatNeitherOpensNorCloses() {
    AlertRule eager = new AlertRule(1, 1, 2, 0, SeverityBands.DEFAULT, 1);
    EpisodeTracker tracker = new EpisodeTracker("pump-7", eager);

    assertThat(feed(tracker, 0, "EENN"))
        .extracting(EpisodeEvent::kind)
        .containsExactly(
            EpisodeEventKind.OPEN,
            EpisodeEventKind.UPDATE,
            EpisodeEventKind.UPDATE,
            EpisodeEventKind.CLOSE);
  }

  @Test
  void emitsExactlyOneOpenAndOneClosePerEpisode() {
    SplittableRandom random = new SplittableRandom(61);
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      // Bursty: long normal stretches with anomalous bursts of mixed windows.
      boolean burst = (i / 50) % 4 == 3;
      pattern.append(random.nextDouble() < (burst ? 0.7 : 0.05) ? 'E' : 'N');
    }

    List<EpisodeEvent> events = feed(tracker, 0, pattern.toString());

    Map<String, List<EpisodeEventKind>> byEpisode = new HashMap<>();
    Map<String, Long> lastEmitted = new HashMap<>();
    for (EpisodeEvent event : events) {
      List<EpisodeEventKind> kinds =
          byEpisode.computeIfAbsent(event.episodeId(), id -> new ArrayList<>());
      if (event.kind() == EpisodeEventKind.UPDATE) {
        assertThat(event.eventTime() - lastEmitted.get(event.episodeId()))
            .isGreaterThanOrEqualTo(RULE.updateIntervalMillis());
      }
      lastEmitted.put(event.episodeId(), event.eventTime());
      kinds.add(event.kind());
    }
    assertThat(byEpisode).hasSizeGreaterThan(10);
    for (Map.Entry<String, List<EpisodeEventKind>> episode : byEpisode.entrySet()) {
      List<EpisodeEventKind> kinds = episode.getValue();
      assertThat(kinds.get(0)).as(episode.getKey()).isEqualTo(EpisodeEventKind.OPEN);
      assertThat(kinds.stream().filter(k -> k == EpisodeEventKind.OPEN)).hasSize(1);
      boolean stillOpen = tracker.openEpisodeId().map(episode.getKey()::equals).orElse(false);
      assertThat(kinds.stream().filter(k -> k == EpisodeEventKind.CLOSE))
          .hasSize(stillOpen ? 0 : 1);
      if (!stillOpen) {
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo(EpisodeEventKind.CLOSE);
      }
    }
  }

  @Test
  void aNewEpisodeNeedsFreshExceedancesAfterClose() {
    AlertRule rule = new AlertRule(2, 5, 1, 60_000, SeverityBands.DEFAULT, 1);
    EpisodeTracker tracker = new EpisodeTracker("pump-7", rule);

    // E E opens; N closes. The next E is one exceedance in a cleared history: no OPEN yet.
    List<EpisodeEvent> events = feed(tracker, 0, "EENE");

    assertThat(events)
        .extracting(EpisodeEvent::kind)
        .containsExactly(EpisodeEventKind.OPEN, EpisodeEventKind.CLOSE);
    List<EpisodeEvent> next = feed(tracker, 4, "E");
    assertThat(next).extracting(EpisodeEvent::kind).containsExactly(EpisodeEventKind.OPEN);
    assertThat(next.get(0).startTime()).isEqualTo(at(3));
  }

  @Test
  void severityComesFromThePeakRatioAndNeverDrops() {
    AlertRule rule = new AlertRule(1, 1, 3, 0, new SeverityBands(1.5, 2, 4), 1);
    EpisodeTracker tracker = new EpisodeTracker("pump-7", rule);

    Optional<EpisodeEvent> open = tracker.onWindow(at(0), 1.6, 1.0, true, FLAT);
    Optional<EpisodeEvent> peak = tracker.onWindow(at(1), 4.5, 1.0, true, FLAT);
    Optional<EpisodeEvent> lower = tracker.onWindow(at(2), 1.1, 1.0, true, FLAT);

    assertThat(open.orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(peak.orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(lower.orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(lower.orElseThrow().peakScore()).isEqualTo(4.5);
    assertThat(lower.orElseThrow().latestScore()).isEqualTo(1.1);
  }

  @Test
  void topChannelsAccumulateOverTheExceedingWindowsOfTheEpisode() {
    AlertRule rule = new AlertRule(1, 1, 5, 0, SeverityBands.DEFAULT, 2);
    EpisodeTracker tracker = new EpisodeTracker("pump-7", rule);

    tracker.onWindow(at(0), 2, 1, true, ChannelScores.of(CHANNELS, new double[] {1, 5, 0}));
    tracker.onWindow(at(1), 2, 1, true, ChannelScores.of(CHANNELS, new double[] {3, 1, 0}));
    // A normal window does not count towards the episode's channels.
    EpisodeEvent update =
        tracker
            .onWindow(at(2), 0.5, 1, false, ChannelScores.of(CHANNELS, new double[] {0, 0, 90}))
            .orElseThrow();

    // Sums: temp 4, vib 6, rpm 0 of 10.
    assertThat(update.topChannels())
        .containsExactly(new ChannelShare("vib", 6, 0.6), new ChannelShare("temp", 4, 0.4));
  }

  @Test
  void restoredCopyContinuesIdentically() {
    EpisodeTracker original = new EpisodeTracker("pump-7", RULE);
    feed(original, 0, "NEENEE");
    assertThat(original.isOpen()).isTrue();

    EpisodeTracker restored = EpisodeTracker.fromBytes(original.toBytes());

    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    String rest = "EENEEEENNEENENNNNEEE";
    assertThat(feed(restored, 6, rest)).isEqualTo(feed(original, 6, rest));
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void aNewRuleKeepsTheOpenEpisode() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);
    String id = feed(tracker, 0, "EEE").get(0).episodeId();

    EpisodeTracker retuned =
        tracker.withRule(new AlertRule(2, 3, 4, 30_000, SeverityBands.DEFAULT, 1));

    assertThat(retuned.openEpisodeId()).hasValue(id);
    // Now 4 normal windows are needed to close.
    List<EpisodeEvent> events = feed(retuned, 3, "NNNN");
    assertThat(events)
        .extracting(EpisodeEvent::kind)
        .containsExactly(EpisodeEventKind.UPDATE, EpisodeEventKind.CLOSE);
    assertThat(events.get(1).eventTime()).isEqualTo(at(6));
  }

  @Test
  void refusesWindowsOutOfOrder() {
    EpisodeTracker tracker = new EpisodeTracker("pump-7", RULE);
    feed(tracker, 5, "N");

    assertThatThrownBy(() -> tracker.onWindow(at(5), 0.5, 1, false, FLAT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("device pump-7: window end " + at(5) + " is not after the previous");
  }
}
