package io.vigil.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How the univariate simulator behaves: one value per device per {@code step}, with daily and
 * weekly seasonality, a slow trend, and normal irregularities (level changes, flat stretches,
 * pauses, duplicate rows) besides the labelled anomalies. Spans are event time, so the same
 * settings describe the same days at any step. Gaps between events are drawn from exponential
 * distributions with the given means.
 *
 * @param devices number of series, named {@code device-000}, {@code device-001}, ...
 * @param seed the seed of every random draw
 * @param start event time of the first step
 * @param step event time between two rows of one series (at most one hour, so a day has a shape)
 * @param anomalyFree leading span of every series with no anomaly
 * @param meanAnomalyGap mean span between the end of one anomaly and the start of the next
 * @param meanLevelChangeGap mean span between two level changes (normal regime changes)
 * @param meanFlatGap mean span between two flat stretches
 * @param minFlat shortest flat stretch
 * @param maxFlat longest flat stretch
 * @param meanPauseGap mean span between two pauses
 * @param maxPause longest pause; lengths are log-uniform between one step and this
 * @param duplicateRate share of rows sent twice with the same time
 * @param kinds the kinds of anomaly injected, each equally likely
 */
public record UnivariateSettings(
    int devices,
    long seed,
    Instant start,
    Duration step,
    Duration anomalyFree,
    Duration meanAnomalyGap,
    Duration meanLevelChangeGap,
    Duration meanFlatGap,
    Duration minFlat,
    Duration maxFlat,
    Duration meanPauseGap,
    Duration maxPause,
    double duplicateRate,
    Set<UnivariateAnomalyKind> kinds) {

  /**
   * Defaults shaped like a public benchmark file: a 5-minute step from Monday 2026-01-05, no
   * anomaly in the first 3 days, then one every 2.5 days on average; a level change every 5 days, a
   * flat stretch of 1 to 6 hours every 4 days, a pause of up to 12 hours every 2 days, and one row
   * in a thousand duplicated.
   */
  public static UnivariateSettings defaults(int devices, long seed) {
    return new UnivariateSettings(
        devices,
        seed,
        Instant.parse("2026-01-05T00:00:00Z"),
        Duration.ofMinutes(5),
        Duration.ofDays(3),
        Duration.ofHours(60),
        Duration.ofDays(5),
        Duration.ofDays(4),
        Duration.ofHours(1),
        Duration.ofHours(6),
        Duration.ofDays(2),
        Duration.ofHours(12),
        0.001,
        EnumSet.allOf(UnivariateAnomalyKind.class));
  }

  public UnivariateSettings {
    require(devices >= 1 && devices <= 100_000, "devices", devices, "1..100000");
    require(start != null, "start", start, "an instant");
    require(
        step != null && step.toMillis() >= 1 && step.compareTo(Duration.ofHours(1)) <= 0,
        "step",
        step,
        "1ms..1h");
    require(nonNegative(anomalyFree), "anomalyFree", anomalyFree, ">= 0");
    require(positive(meanAnomalyGap), "meanAnomalyGap", meanAnomalyGap, "> 0");
    require(positive(meanLevelChangeGap), "meanLevelChangeGap", meanLevelChangeGap, "> 0");
    require(positive(meanFlatGap), "meanFlatGap", meanFlatGap, "> 0");
    require(positive(minFlat), "minFlat", minFlat, "> 0");
    require(
        positive(maxFlat) && maxFlat.compareTo(minFlat) >= 0,
        "maxFlat",
        maxFlat,
        ">= minFlat (" + minFlat + ")");
    require(positive(meanPauseGap), "meanPauseGap", meanPauseGap, "> 0");
    require(
        positive(maxPause) && maxPause.compareTo(step) >= 0,
        "maxPause",
        maxPause,
        ">= step (" + step + ")");
    require(duplicateRate >= 0 && duplicateRate <= 0.5, "duplicateRate", duplicateRate, "0..0.5");
    require(kinds != null && !kinds.isEmpty(), "kinds", kinds, "at least one anomaly kind");
    kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
  }

  /** A copy with another step. */
  public UnivariateSettings withStep(Duration newStep) {
    return new UnivariateSettings(
        devices,
        seed,
        start,
        newStep,
        anomalyFree,
        meanAnomalyGap,
        meanLevelChangeGap,
        meanFlatGap,
        minFlat,
        maxFlat,
        meanPauseGap,
        maxPause,
        duplicateRate,
        kinds);
  }

  /** A copy injecting only {@code onlyKinds}. */
  public UnivariateSettings withKinds(Set<UnivariateAnomalyKind> onlyKinds) {
    return new UnivariateSettings(
        devices,
        seed,
        start,
        step,
        anomalyFree,
        meanAnomalyGap,
        meanLevelChangeGap,
        meanFlatGap,
        minFlat,
        maxFlat,
        meanPauseGap,
        maxPause,
        duplicateRate,
        onlyKinds);
  }

  /** The number of whole steps in {@code span}, at least one. */
  long stepsIn(Duration span) {
    return Math.max(1, span.toMillis() / step.toMillis());
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static boolean nonNegative(Duration d) {
    return d != null && !d.isNegative();
  }

  private static void require(boolean ok, String field, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "univariate simulator setting %s = %s is invalid; allowed: %s",
              field,
              value,
              allowed));
    }
  }
}
