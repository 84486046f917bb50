package io.vigil.demo;

import java.util.Locale;

/** What one demo run did, printed as one {@code demo summary:} line of {@code key=value} pairs. */
public record DemoSummary(
    long frames,
    long badRecords,
    long windows,
    long events,
    long deadLetters,
    int injected,
    int detected,
    int falseEpisodes) {

  /** The summary line. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "demo summary: frames=%d bad_records=%d windows=%d events=%d dead_letters=%d injected=%d"
            + " detected=%d false_episodes=%d",
        frames,
        badRecords,
        windows,
        events,
        deadLetters,
        injected,
        detected,
        falseEpisodes);
  }
}
