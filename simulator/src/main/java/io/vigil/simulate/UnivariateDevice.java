package io.vigil.simulate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated univariate series. Its normal value is a night level with a slow trend and level
 * changes, a daily rise and fall (lower at weekends), a small weekly wave, a slow wander and white
 * noise. Irregular but normal events (flat stretches, pauses, duplicate rows) and labelled
 * anomalies are scheduled lazily in step order, one at a time, so an unbounded run stays
 * deterministic and no two of them overlap; nothing starts within an hour after an anomaly, so its
 * end shows.
 *
 * <p>Every concern draws from its own random stream, and the noise and duplicate streams draw the
 * same numbers at every step whatever happens, so turning one feature off leaves the others as they
 * were.
 */
final class UnivariateDevice {
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();
  private static final double WANDER_PHI = 0.95;
  // Shares of the noise variance: a slow AR(1) wander and white noise.
  private static final double WANDER_SHARE = 0.6;
  private static final double WHITE_SHARE = 0.8;

  private final String deviceId;
  private final UnivariateSettings settings;
  private final long stepMillis;
  private final long startMillis;
  private final UnivariateProfile profile;
  private final double weeklyPhase;
  private final SplittableRandom noise;
  private final SplittableRandom duplicates;
  private final SplittableRandom anomalySchedule;
  private final SplittableRandom levelSchedule;
  private final SplittableRandom flatSchedule;
  private final SplittableRandom pauseSchedule;
  private final UnivariateAnomalyKind[] kinds;
  private final List<UnivariateAnomaly> anomalies = new ArrayList<>();
  private final List<UnivariateEvent> events = new ArrayList<>();

  private long step;
  private double wander;
  private double level;
  private double lastValue;

  private long nextAnomalyStep;
  private UnivariateAnomalyKind activeKind;
  private long activeStartStep;
  private long activeEndStep;
  private double anomalyMagnitude;
  private UnivariateAnomaly active;

  private long quietUntilStep = -1;
  private long nextLevelChangeStep;
  private long nextFlatStep;
  private long flatEndStep = -1;
  private double flatValue;
  private long nextPauseStep;
  private long pauseEndStep = -1;

  UnivariateDevice(String deviceId, int index, UnivariateSettings settings) {
    this.deviceId = deviceId;
    this.settings = settings;
    this.stepMillis = settings.step().toMillis();
    this.startMillis = settings.start().toEpochMilli();
    SplittableRandom root = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index);
    SplittableRandom params = root.split();
    noise = root.split();
    duplicates = root.split();
    anomalySchedule = root.split();
    levelSchedule = root.split();
    flatSchedule = root.split();
    pauseSchedule = root.split();
    kinds = settings.kinds().toArray(new UnivariateAnomalyKind[0]);

    double base = params.nextDouble(50, 150);
    double amplitude = base * params.nextDouble(0.25, 0.4);
    profile =
        new UnivariateProfile(
            deviceId,
            base,
            amplitude,
            params.nextDouble(6.5, 8.0),
            params.nextDouble(17.5, 19.5),
            params.nextDouble(0.4, 0.8),
            params.nextDouble(0.25, 0.5),
            amplitude * params.nextDouble(-0.015, 0.03),
            amplitude * params.nextDouble(0.05, 0.09));
    weeklyPhase = params.nextDouble(0, 2 * Math.PI);

    long anomalyFreeSteps = settings.anomalyFree().toMillis() / stepMillis;
    nextAnomalyStep = anomalyFreeSteps + anomalyGap();
    nextLevelChangeStep = gap(levelSchedule, settings.meanLevelChangeGap());
    nextFlatStep = gap(flatSchedule, settings.meanFlatGap());
    nextPauseStep = gap(pauseSchedule, settings.meanPauseGap());
  }

  String deviceId() {
    return deviceId;
  }

  UnivariateProfile profile() {
    return profile;
  }

  List<UnivariateAnomaly> anomalies() {
    return anomalies;
  }

  List<UnivariateEvent> events() {
    return events;
  }

  /** The rows of the next step: none while paused, two when the row is duplicated, else one. */
  List<UnivariateRow> next() {
    long k = step++;
    Instant time = timeOf(k);
    // Fixed draws per step, whatever happens below.
    double wanderDraw = noise.nextGaussian();
    double whiteDraw = noise.nextGaussian();
    double burstDraw = noise.nextGaussian();
    boolean duplicated = duplicates.nextDouble() < settings.duplicateRate();
    boolean sameValue = duplicates.nextBoolean();
    double duplicateDraw = duplicates.nextGaussian();

    schedule(k, time);

    double sd = profile.noiseSd();
    wander =
        WANDER_PHI * wander
            + wanderDraw * sd * WANDER_SHARE * Math.sqrt(1 - WANDER_PHI * WANDER_PHI);
    boolean inAnomaly = activeKind != null && k >= activeStartStep;
    if (inAnomaly && k == activeStartStep) {
      // Listed from its first step: one scheduled past the end of a run never shows.
      anomalies.add(active);
    }
    long millis = startMillis + k * stepMillis;
    double seasonal =
        inAnomaly && activeKind == UnivariateAnomalyKind.DAILY_PATTERN_MISSING
            ? 0
            : profile.amplitude() * dayFactor(millis) * profile.dailyShape(hourOfDay(millis));
    double value =
        profile.base()
            + profile.trendPerDay() * (k * stepMillis) / DAY_MILLIS
            + level
            + 0.05
                * profile.amplitude()
                * Math.sin(2 * Math.PI * millis / WEEK_MILLIS + weeklyPhase)
            + seasonal
            + wander
            + whiteDraw * sd * WHITE_SHARE;
    if (inAnomaly) {
      double a = profile.amplitude();
      switch (activeKind) {
        case SPIKE -> value += anomalyMagnitude * a;
        case DIP -> value -= anomalyMagnitude * a;
        case LEVEL_SHIFT -> value += anomalyMagnitude * a;
        case NOISE_BURST -> value += burstDraw * anomalyMagnitude * sd;
        case DAILY_PATTERN_MISSING -> {}
        default -> throw new IllegalStateException("unhandled anomaly kind " + activeKind);
      }
    }
    boolean flat = k <= flatEndStep;
    if (flat) {
      value = flatValue;
    }
    lastValue = value;

    UnivariateAnomaly label = inAnomaly ? active : null;
    if (activeKind != null && k == activeEndStep) {
      activeKind = null;
      active = null;
      nextAnomalyStep = k + 1 + anomalyGap();
      // A flat stretch, pause or level change right after an anomaly would hide its end.
      quietUntilStep = k + settings.stepsIn(Duration.ofHours(1));
    }
    if (k <= pauseEndStep) {
      return List.of();
    }
    UnivariateRow row = new UnivariateRow(deviceId, time, k, value, label);
    if (!duplicated) {
      return List.of(row);
    }
    events.add(new UnivariateEvent(deviceId, UnivariateEvent.Kind.DUPLICATE, time, time));
    double again = sameValue || flat ? value : value + duplicateDraw * 0.5 * sd;
    return List.of(row, new UnivariateRow(deviceId, time, k, again, label));
  }

  private Instant timeOf(long k) {
    return settings.start().plus(settings.step().multipliedBy(k));
  }

  /** Starts whatever is due at step {@code k}; one irregular event at a time. */
  private void schedule(long k, Instant time) {
    if (k <= quietUntilStep) {
      return;
    }
    if (k >= nextLevelChangeStep && activeKind == null) {
      // Regime changes wander around zero: a level far off tends to come back.
      double size = levelSchedule.nextDouble(0.25, 0.6) * profile.amplitude();
      double bound = 0.4 * profile.amplitude();
      double sign = level > bound ? -1 : level < -bound ? 1 : levelSchedule.nextBoolean() ? 1 : -1;
      level += sign * size;
      events.add(new UnivariateEvent(deviceId, UnivariateEvent.Kind.LEVEL_CHANGE, time, time));
      nextLevelChangeStep = k + gap(levelSchedule, settings.meanLevelChangeGap());
    }
    if (activeKind != null || k <= flatEndStep || k <= pauseEndStep) {
      return;
    }
    if (k >= nextAnomalyStep) {
      startAnomaly(k);
    } else if (k >= nextPauseStep) {
      long maxSteps = settings.stepsIn(settings.maxPause());
      long length = Math.round(Math.exp(pauseSchedule.nextDouble(0, Math.log(maxSteps + 0.5))));
      length = Math.max(1, Math.min(maxSteps, length));
      pauseEndStep = k + length - 1;
      events.add(
          new UnivariateEvent(deviceId, UnivariateEvent.Kind.PAUSE, time, timeOf(pauseEndStep)));
      nextPauseStep = pauseEndStep + 1 + gap(pauseSchedule, settings.meanPauseGap());
    } else if (k >= nextFlatStep) {
      long length =
          flatSchedule.nextLong(
              settings.stepsIn(settings.minFlat()), settings.stepsIn(settings.maxFlat()) + 1);
      // The sensor repeats its last reading. At the very first step there is none yet.
      flatValue = k == 0 ? profile.base() : lastValue;
      flatEndStep = k + length - 1;
      events.add(
          new UnivariateEvent(deviceId, UnivariateEvent.Kind.FLAT, time, timeOf(flatEndStep)));
      nextFlatStep = flatEndStep + 1 + gap(flatSchedule, settings.meanFlatGap());
    }
  }

  private void startAnomaly(long k) {
    UnivariateAnomalyKind kind = kinds[anomalySchedule.nextInt(kinds.length)];
    double sign = anomalySchedule.nextBoolean() ? 1 : -1;
    activeStartStep = k;
    switch (kind) {
      case SPIKE, DIP -> {
        anomalyMagnitude = anomalySchedule.nextDouble(0.8, 1.5);
        activeEndStep = k + anomalySchedule.nextInt(0, 3);
      }
      case LEVEL_SHIFT -> {
        anomalyMagnitude = sign * anomalySchedule.nextDouble(0.4, 0.8);
        activeEndStep = k + hoursInSteps(anomalySchedule.nextDouble(2, 12)) - 1;
      }
      case NOISE_BURST -> {
        anomalyMagnitude = anomalySchedule.nextDouble(4, 6);
        activeEndStep = k + hoursInSteps(anomalySchedule.nextDouble(1, 6)) - 1;
      }
      case DAILY_PATTERN_MISSING -> {
        // The next weekday whose daytime lies wholly ahead: labelled from well before the rise to
        // well after the fall, where the missing shape shows.
        long fromMillis = startMillis + k * stepMillis;
        double margin = 3 * profile.edgeHours();
        long day = Math.floorDiv(fromMillis, DAY_MILLIS);
        long windowStart;
        while (true) {
          windowStart = day * DAY_MILLIS + hoursInMillis(profile.riseHour() - margin);
          if (windowStart >= fromMillis && !weekend(day * DAY_MILLIS)) {
            break;
          }
          day++;
        }
        long windowEnd = day * DAY_MILLIS + hoursInMillis(profile.fallHour() + margin);
        activeStartStep = Math.floorDiv(windowStart - startMillis + stepMillis - 1, stepMillis);
        activeEndStep = Math.floorDiv(windowEnd - startMillis, stepMillis);
        anomalyMagnitude = 0;
      }
      default -> throw new IllegalStateException("unhandled anomaly kind " + kind);
    }
    activeKind = kind;
    active =
        new UnivariateAnomaly(
            deviceId + "#" + (anomalies.size() + 1),
            deviceId,
            kind,
            timeOf(activeStartStep),
            timeOf(activeEndStep));
  }

  private long hoursInSteps(double hours) {
    return Math.max(1, Math.round(hours * 3_600_000 / stepMillis));
  }

  private static long hoursInMillis(double hours) {
    return Math.round(hours * 3_600_000);
  }

  private double dayFactor(long millis) {
    return weekend(millis) ? profile.weekendFactor() : 1;
  }

  private static boolean weekend(long millis) {
    DayOfWeek day = LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS)).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  private static double hourOfDay(long millis) {
    return Math.floorMod(millis, DAY_MILLIS) / 3_600_000.0;
  }

  private long anomalyGap() {
    // Exponential gaps, floored at six hours so that one anomaly's episode has closed before the
    // next begins.
    return Math.max(
        settings.stepsIn(Duration.ofHours(6)), gap(anomalySchedule, settings.meanAnomalyGap()));
  }

  private long gap(SplittableRandom random, Duration mean) {
    double u = random.nextDouble();
    return Math.max(1, Math.round(-Math.log(1 - u) * mean.toMillis() / stepMillis));
  }
}
