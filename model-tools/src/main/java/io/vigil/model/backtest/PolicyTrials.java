package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.Detection;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowPhase;
import io.vigil.core.scoring.ChannelScores;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the windows of one backtest again under more policies: the engine scores each window once
 * (under the first policy), and each further policy gets its own detector per device, fed the same
 * scores in the same order. A policy's episodes here are the ones a backtest under that policy
 * alone would raise, since detection depends only on the scores.
 */
final class PolicyTrials implements Backtest.Observer {

  /** One further policy's detectors, episodes and event counts. */
  private static final class Trial {
    final DetectionPolicy policy;
    final Map<String, DeviceDetector> detectors = new HashMap<>();
    final EpisodeCollector episodes = new EpisodeCollector();
    final Map<EpisodeEventKind, Long> events = new EnumMap<>(EpisodeEventKind.class);

    Trial(DetectionPolicy policy) {
      this.policy = policy;
    }
  }

  private final List<Trial> trials = new ArrayList<>();

  PolicyTrials(List<DetectionPolicy> policies) {
    for (DetectionPolicy p : policies) {
      trials.add(new Trial(p));
    }
  }

  @Override
  public void window(ScoredWindow w) {
    if (w.phase() == WindowPhase.STALE || trials.isEmpty()) {
      return;
    }
    float[] c = w.channelScores();
    double[] perChannel = new double[c.length];
    for (int f = 0; f < c.length; f++) {
      perChannel[f] = c[f];
    }
    ChannelScores channels = ChannelScores.of(w.channels(), perChannel);
    for (Trial t : trials) {
      DeviceDetector detector =
          t.detectors.computeIfAbsent(w.deviceId(), d -> new DeviceDetector(d, t.policy));
      Detection d = detector.onScore(w.endTime(), w.score(), channels);
      d.event().ifPresent(e -> t.events.merge(e.kind(), 1L, Long::sum));
      t.episodes.accept(
          new ScoredWindow(
              w.deviceId(),
              w.startTime(),
              w.endTime(),
              w.channels(),
              c,
              d,
              WindowPhase.of(d, detector.isEpisodeOpen()),
              false));
    }
  }

  /** Returns trial {@code i}'s episodes. */
  List<Episode> episodes(int i) {
    return trials.get(i).episodes.episodes();
  }

  /** Returns trial {@code i}'s count of events of one kind. */
  long events(int i, EpisodeEventKind kind) {
    return trials.get(i).events.getOrDefault(kind, 0L);
  }
}
