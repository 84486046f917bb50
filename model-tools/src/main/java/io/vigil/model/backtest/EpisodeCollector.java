package io.vigil.model.backtest;

import io.vigil.core.alert.EpisodeEvent;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.core.engine.WindowPhase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers judged windows' episode events into {@link Episode}s, per device. */
final class EpisodeCollector {
  private final Map<String, List<EpisodeEvent>> open = new HashMap<>();
  private final Map<String, Long> lastExceeded = new HashMap<>();
  private final Map<String, List<Episode>> done = new LinkedHashMap<>();

  /** Takes one judged window, in its device's window order. */
  void accept(ScoredWindow w) {
    String device = w.deviceId();
    done.computeIfAbsent(device, d -> new ArrayList<>());
    if (w.detection().event().isPresent()) {
      EpisodeEvent e = w.detection().event().get();
      switch (e.kind()) {
        case OPEN -> {
          List<EpisodeEvent> events = new ArrayList<>();
          events.add(e);
          open.put(device, events);
        }
        case UPDATE -> open.get(device).add(e);
        case CLOSE -> {
          List<EpisodeEvent> events = open.remove(device);
          events.add(e);
          done.get(device).add(new Episode(device, events, e.endTime().orElseThrow()));
        }
      }
    }
    if (w.phase() == WindowPhase.IN_EPISODE && w.detection().exceeded()) {
      lastExceeded.put(device, w.endTime());
    }
  }

  /** Every episode, by device in order of first window and then by start; open ones last. */
  List<Episode> episodes() {
    List<Episode> all = new ArrayList<>();
    for (Map.Entry<String, List<Episode>> device : done.entrySet()) {
      all.addAll(device.getValue());
      List<EpisodeEvent> still = open.get(device.getKey());
      if (still != null) {
        long end = lastExceeded.getOrDefault(device.getKey(), still.get(0).eventTime());
        all.add(new Episode(device.getKey(), still, end));
      }
    }
    return all;
  }
}
