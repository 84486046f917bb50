package io.vigil.core.engine;

import io.vigil.core.alert.EpisodeEventKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the engine did, counted: frames by outcome, windows by fate, window-sequence restarts,
 * episode events. The stream exports the same quantities as metrics; a backtest prints them.
 * Mutable, owned by one engine.
 */
public final class EngineCounts {
  private long frames;
  private long merged;
  private long late;
  private long duplicates;
  private long refused;
  private long windowsCut;
  private long windowsSkipped;
  private long restarts;
  private long windowsScored;
  private long windowsStale;
  private long policyChanges;
  private final Map<WindowFailure, Long> failed = new EnumMap<>(WindowFailure.class);
  private final Map<EpisodeEventKind, Long> events = new EnumMap<>(EpisodeEventKind.class);

  void countFrame() {
    frames++;
  }

  void countMerged() {
    merged++;
  }

  void countLate() {
    late++;
  }

  void countDuplicate() {
    duplicates++;
  }

  /** Counts a frame refused before it reached the engine (a value check). */
  public void countRefused() {
    frames++;
    refused++;
  }

  void countCut() {
    windowsCut++;
  }

  void countSkipped() {
    windowsSkipped++;
  }

  void countRestart() {
    restarts++;
  }

  void countScored(WindowPhase phase) {
    windowsScored++;
    if (phase == WindowPhase.STALE) {
      windowsStale++;
    }
  }

  void countPolicyChange() {
    policyChanges++;
  }

  void countFailure(WindowFailure failure) {
    failed.merge(failure, 1L, Long::sum);
  }

  void countEvent(EpisodeEventKind kind) {
    events.merge(kind, 1L, Long::sum);
  }

  /**
   * Returns every frame seen, refused ones included.
   *
   * @return the count
   */
  public long frames() {
    return frames;
  }

  /**
   * Returns frames merged into a buffered frame with the same time.
   *
   * @return the count
   */
  public long merged() {
    return merged;
  }

  /**
   * Returns frames refused as later than the grace.
   *
   * @return the count
   */
  public long late() {
    return late;
  }

  /**
   * Returns frames refused because a frame with the same time was already windowed.
   *
   * @return the count
   */
  public long duplicates() {
    return duplicates;
  }

  /**
   * Returns frames refused before windowing (out-of-range values, bad rows).
   *
   * @return the count
   */
  public long refusedFrames() {
    return refused;
  }

  /**
   * Returns every frame that became a dead letter: late, duplicate or refused.
   *
   * @return the count
   */
  public long deadLetteredFrames() {
    return late + duplicates + refused;
  }

  /**
   * Returns windows cut and queued for scoring.
   *
   * @return the count
   */
  public long windowsCut() {
    return windowsCut;
  }

  /**
   * Returns windows due but not scorable (a gap longer than carrying covers).
   *
   * @return the count
   */
  public long windowsSkipped() {
    return windowsSkipped;
  }

  /**
   * Returns restarts of a device's window sequence after a pause.
   *
   * @return the count
   */
  public long restarts() {
    return restarts;
  }

  /**
   * Returns windows scored and judged, stale ones included.
   *
   * @return the count
   */
  public long windowsScored() {
    return windowsScored;
  }

  /**
   * Returns scored windows the detector ignored as stale.
   *
   * @return the count
   */
  public long windowsStale() {
    return windowsStale;
  }

  /**
   * Returns windows that could not be scored or judged, for one reason.
   *
   * @param failure the reason
   * @return the count
   */
  public long windowsFailed(WindowFailure failure) {
    return failed.getOrDefault(failure, 0L);
  }

  /**
   * Returns windows that could not be scored or judged, all reasons.
   *
   * @return the count
   */
  public long windowsFailed() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns policy changes applied to a device's detector.
   *
   * @return the count
   */
  public long policyChanges() {
    return policyChanges;
  }

  /**
   * Returns episode events of one kind.
   *
   * @param kind OPEN, UPDATE or CLOSE
   * @return the count
   */
  public long events(EpisodeEventKind kind) {
    return events.getOrDefault(kind, 0L);
  }
}
