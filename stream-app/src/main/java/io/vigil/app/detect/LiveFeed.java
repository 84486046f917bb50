package io.vigil.app.detect;

import io.vigil.core.engine.ScoredWindow;
import io.vigil.schemas.AnomalyEvent;

/**
 * Told about every judged window and episode event as the detection stage produces them, for the
 * dashboard's live view. Called on stream threads: an implementation must not block (hand off and
 * return), and what it is told is not yet committed (a crash may replay it).
 */
public interface LiveFeed {
  /** Tells nobody. */
  LiveFeed NONE =
      new LiveFeed() {
        @Override
        public void window(ScoredWindow window) {}

        @Override
        public void event(AnomalyEvent event) {}
      };

  /**
   * A window was scored and judged.
   *
   * @param window the window
   */
  void window(ScoredWindow window);

  /**
   * An episode event was emitted.
   *
   * @param event the event as published
   */
  void event(AnomalyEvent event);
}
