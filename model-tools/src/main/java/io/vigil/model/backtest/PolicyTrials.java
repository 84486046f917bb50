package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.engine.Rejudge;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowPhase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the windows of one backtest again under more policies: the engine scores each window once
 * (under the first policy), and each further policy gets its own detector per device, fed the same
 * scores in the same order. A policy's episodes here are the ones a backtest under that policy
 * alone would raise, since detection depends only on the scores.
 */
final class PolicyTrials implements Backtest.Observer {

  /** One further policy's judge, episodes and event counts. */
  private static final class Trial {
    final Rejudge judge;
    final EpisodeCollector episodes = new EpisodeCollector();
    final Map<EpisodeEventKind, Long> events = new EnumMap<>(EpisodeEventKind.class);

    Trial(DetectionPolicy policy) {
      this.judge = new Rejudge(policy);
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
    if (w.phase() == WindowPhase.STALE) {
      return;
    }
    for (Trial t : trials) {
      ScoredWindow judged = t.judge.judge(w);
      judged.detection().event().ifPresent(e -> t.events.merge(e.kind(), 1L, Long::sum));
      t.episodes.accept(judged);
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
