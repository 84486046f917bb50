package io.vigil.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnivariateSimulatorTest {
  private static final UnivariateSettings SETTINGS = UnivariateSettings.defaults(4, 11);
  private static final long STEPS_PER_DAY = 288;

  private static Run run(UnivariateSettings settings, long steps) {
    UnivariateSimulator sim = new UnivariateSimulator(settings);
    List<UnivariateRow> rows = new ArrayList<>();
    for (long k = 0; k < steps; k++) {
      rows.addAll(sim.nextStep());
    }
    return new Run(sim, rows);
  }

  private record Run(UnivariateSimulator sim, List<UnivariateRow> rows) {
    List<UnivariateRow> of(String device) {
      return rows.stream().filter(r -> r.deviceId().equals(device)).toList();
    }

    List<UnivariateEvent> events(UnivariateEvent.Kind kind) {
      return sim.events().stream().filter(e -> e.kind() == kind).toList();
    }
  }

  @Test
  void sameSeedGivesTheSameRowsLabelsAndEvents() {
    Run a = run(SETTINGS, 30 * STEPS_PER_DAY);
    Run b = run(SETTINGS, 30 * STEPS_PER_DAY);
    assertThat(a.rows()).isEqualTo(b.rows());
    assertThat(a.sim().injectedAnomalies()).isEqualTo(b.sim().injectedAnomalies());
    assertThat(a.sim().events()).isEqualTo(b.sim().events());
  }

  @Test
  void anotherSeedGivesOtherRows() {
    assertThat(run(SETTINGS, 50).rows())
        .isNotEqualTo(run(UnivariateSettings.defaults(4, 12), 50).rows());
  }

  @Test
  void rowsAreInTimeOrderPerDeviceOnTheStepGrid() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    for (int d = 0; d < 4; d++) {
      List<UnivariateRow> rows = r.of(FleetSimulator.deviceId(d));
      for (int i = 1; i < rows.size(); i++) {
        assertThat(rows.get(i).time()).isAfterOrEqualTo(rows.get(i - 1).time());
      }
      assertThat(rows)
          .allSatisfy(
              row ->
                  assertThat(row.time())
                      .isEqualTo(SETTINGS.start().plus(SETTINGS.step().multipliedBy(row.step()))));
    }
  }

  @Test
  void pausesLeaveGapsOfVaryingLength() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    Set<Duration> gaps = new HashSet<>();
    for (int d = 0; d < 4; d++) {
      List<UnivariateRow> rows = r.of(FleetSimulator.deviceId(d));
      for (int i = 1; i < rows.size(); i++) {
        Duration gap = Duration.between(rows.get(i - 1).time(), rows.get(i).time());
        if (gap.compareTo(SETTINGS.step()) > 0) {
          gaps.add(gap);
        }
      }
    }
    List<UnivariateEvent> pauses = r.events(UnivariateEvent.Kind.PAUSE);
    assertThat(pauses).hasSizeGreaterThan(10);
    assertThat(gaps).hasSizeGreaterThan(5);
    assertThat(gaps).anyMatch(g -> g.compareTo(Duration.ofMinutes(30)) < 0);
    assertThat(gaps).anyMatch(g -> g.compareTo(Duration.ofHours(2)) > 0);
    // No row lies inside a pause.
    for (UnivariateEvent pause : pauses) {
      assertThat(r.of(pause.deviceId())).noneMatch(row -> within(row.time(), pause));
    }
  }

  @Test
  void aFewRowsAreRepeatedWithTheSameTime() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    int same = 0;
    int differing = 0;
    for (int d = 0; d < 4; d++) {
      List<UnivariateRow> rows = r.of(FleetSimulator.deviceId(d));
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i).time().equals(rows.get(i - 1).time())) {
          if (rows.get(i).value() == rows.get(i - 1).value()) {
            same++;
          } else {
            differing++;
            assertThat(Math.abs(rows.get(i).value() - rows.get(i - 1).value()))
                .isLessThan(5 * r.sim().profiles().get(d).noiseSd());
          }
        }
      }
    }
    int rows = r.rows().size();
    assertThat(same + differing)
        .isEqualTo(r.events(UnivariateEvent.Kind.DUPLICATE).size())
        .isBetween(5, rows / 200);
    assertThat(same).isPositive();
    assertThat(differing).isPositive();
  }

  @Test
  void flatStretchesHoldOneValueForHours() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    List<UnivariateEvent> flats = r.events(UnivariateEvent.Kind.FLAT);
    assertThat(flats).hasSizeGreaterThan(5);
    for (UnivariateEvent flat : flats) {
      List<UnivariateRow> inside =
          r.of(flat.deviceId()).stream().filter(row -> within(row.time(), flat)).toList();
      assertThat(inside).hasSizeGreaterThanOrEqualTo(12);
      assertThat(inside.stream().map(UnivariateRow::value).distinct()).hasSize(1);
      assertThat(inside).noneMatch(UnivariateRow::anomalous);
    }
    // Outside flat stretches two consecutive values are never equal (duplicates aside).
    int longestRun = 0;
    for (int d = 0; d < 4; d++) {
      List<UnivariateRow> rows = r.of(FleetSimulator.deviceId(d));
      int run = 1;
      for (int i = 1; i < rows.size(); i++) {
        run = rows.get(i).value() == rows.get(i - 1).value() ? run + 1 : 1;
        longestRun = Math.max(longestRun, run);
      }
    }
    assertThat(longestRun).isGreaterThanOrEqualTo(12);
  }

  @Test
  void levelChangesAreNormalAndLasting() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    List<UnivariateEvent> changes = r.events(UnivariateEvent.Kind.LEVEL_CHANGE);
    assertThat(changes).hasSizeGreaterThan(10);
    for (UnivariateEvent change : changes) {
      assertThat(r.of(change.deviceId()))
          .filteredOn(row -> row.time().equals(change.start()))
          .noneMatch(UnivariateRow::anomalous);
    }
  }

  @Test
  void everyKindOfAnomalyIsLabelled() {
    Run r = run(SETTINGS, 60 * STEPS_PER_DAY);
    Set<UnivariateAnomalyKind> labelled = EnumSet.noneOf(UnivariateAnomalyKind.class);
    r.rows().stream()
        .filter(UnivariateRow::anomalous)
        .forEach(row -> labelled.add(row.anomaly().kind()));
    assertThat(labelled).containsExactlyInAnyOrder(UnivariateAnomalyKind.values());
  }

  @Test
  void labelsCoverExactlyTheInjectedIntervalsAfterTheAnomalyFreeSpan() {
    Run r = run(SETTINGS, 30 * STEPS_PER_DAY);
    List<UnivariateAnomaly> injected = r.sim().injectedAnomalies();
    assertThat(injected).hasSizeGreaterThan(10);
    Instant anomalyFreeUntil = SETTINGS.start().plus(SETTINGS.anomalyFree());
    assertThat(injected).allMatch(a -> !a.start().isBefore(anomalyFreeUntil));
    for (UnivariateRow row : r.rows()) {
      boolean inside =
          injected.stream()
              .anyMatch(a -> a.deviceId().equals(row.deviceId()) && a.covers(row.time()));
      assertThat(row.anomalous())
          .as("label of %s at %s", row.deviceId(), row.time())
          .isEqualTo(inside);
    }
  }

  @Test
  void theDailyPatternShowsAsAutocorrelationAtOneDay() {
    Run r = run(SETTINGS.withKinds(EnumSet.of(UnivariateAnomalyKind.SPIKE)), 7 * STEPS_PER_DAY);
    for (int d = 0; d < 4; d++) {
      String device = FleetSimulator.deviceId(d);
      // A normal stretch: the five weekdays of the first week, spikes left out.
      Map<Long, Double> byStep = new HashMap<>();
      r.of(device).stream()
          .filter(row -> row.step() < 5 * STEPS_PER_DAY && !row.anomalous())
          .forEach(row -> byStep.putIfAbsent(row.step(), row.value()));
      double oneDay = autocorrelation(byStep, STEPS_PER_DAY);
      double halfDay = autocorrelation(byStep, STEPS_PER_DAY / 2);
      assertThat(oneDay).as(device).isGreaterThan(0.6);
      assertThat(halfDay).as(device).isLessThan(0);
    }
  }

  @Test
  void weekendDaysRiseLessThanWeekdays() {
    Run r = run(SETTINGS.withKinds(EnumSet.of(UnivariateAnomalyKind.SPIKE)), 21 * STEPS_PER_DAY);
    for (int d = 0; d < 4; d++) {
      String device = FleetSimulator.deviceId(d);
      List<UnivariateRow> rows = r.of(device).stream().filter(row -> !row.anomalous()).toList();
      List<Double> weekdayRises = new ArrayList<>();
      List<Double> weekendRises = new ArrayList<>();
      for (int day = 0; day < 21; day++) {
        Instant midnight = SETTINGS.start().plus(Duration.ofDays(day));
        Instant next = midnight.plus(Duration.ofDays(1));
        // Days with a level change or a flat stretch say nothing about the daily rise.
        boolean irregular =
            r.sim().events().stream()
                .filter(e -> e.deviceId().equals(device))
                .filter(
                    e ->
                        e.kind() == UnivariateEvent.Kind.LEVEL_CHANGE
                            || e.kind() == UnivariateEvent.Kind.FLAT)
                .anyMatch(e -> e.start().isBefore(next) && !e.end().isBefore(midnight));
        if (irregular) {
          continue;
        }
        // How far midday stands above the night before it, on the same day.
        double rise =
            mean(rows, midnight.plus(Duration.ofHours(12)), midnight.plus(Duration.ofHours(14)))
                - mean(rows, midnight, midnight.plus(Duration.ofHours(4)));
        if (Double.isNaN(rise)) {
          continue;
        }
        DayOfWeek dow = midnight.atZone(ZoneOffset.UTC).getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        (weekend ? weekendRises : weekdayRises).add(rise);
      }
      double amplitude = r.sim().profiles().get(d).amplitude();
      assertThat(weekdayRises).hasSizeGreaterThanOrEqualTo(5).allMatch(x -> x > 0.6 * amplitude);
      assertThat(weekendRises).hasSizeGreaterThanOrEqualTo(2).allMatch(x -> x < 0.6 * amplitude);
    }
  }

  @Test
  void spikesAndDipsStandFarOutAndLevelShiftsRevert() {
    Run r = run(SETTINGS, 60 * STEPS_PER_DAY);
    Duration hour = Duration.ofHours(1);
    int checked = 0;
    for (UnivariateAnomaly a : r.sim().injectedAnomalies()) {
      UnivariateProfile profile = profileOf(r, a.deviceId());
      List<UnivariateRow> rows = r.of(a.deviceId());
      // Against the value less its daily pattern, so a spike at the morning rise is judged fairly.
      double before = meanResidual(profile, rows, a.start().minus(hour), a.start());
      if (Double.isNaN(before)) {
        continue; // it follows a pause
      }
      switch (a.kind()) {
        case SPIKE, DIP -> {
          double at = meanResidual(profile, rows, a.start(), a.end().plusSeconds(1));
          double off = a.kind() == UnivariateAnomalyKind.SPIKE ? at - before : before - at;
          assertThat(off).as(a.toString()).isGreaterThan(0.5 * profile.amplitude());
          checked++;
        }
        case LEVEL_SHIFT -> {
          double first = meanResidual(profile, rows, a.start(), a.start().plus(hour));
          double last = meanResidual(profile, rows, a.end().minus(hour), a.end().plusSeconds(1));
          double after = meanResidual(profile, rows, a.end().plusSeconds(1), a.end().plus(hour));
          if (Double.isNaN(after)) {
            continue; // the run ended
          }
          assertThat(Math.abs(first - before))
              .as(a.toString())
              .isGreaterThan(0.25 * profile.amplitude());
          assertThat(Math.abs(last - after))
              .as(a.toString())
              .isGreaterThan(0.25 * profile.amplitude());
          assertThat(Math.abs(after - before))
              .as(a.toString())
              .isLessThan(0.25 * profile.amplitude());
          checked++;
        }
        default -> {}
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void aDayWithoutItsPatternStaysAtTheNightLevel() {
    Run r =
        run(
            SETTINGS.withKinds(EnumSet.of(UnivariateAnomalyKind.DAILY_PATTERN_MISSING)),
            30 * STEPS_PER_DAY);
    List<UnivariateAnomaly> missing = r.sim().injectedAnomalies();
    assertThat(missing).isNotEmpty();
    for (UnivariateAnomaly a : missing) {
      UnivariateProfile profile = profileOf(r, a.deviceId());
      assertThat(a.start().atZone(ZoneOffset.UTC).getDayOfWeek())
          .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      List<UnivariateRow> rows = r.of(a.deviceId());
      Instant noon =
          a.start().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(13));
      double night = mean(rows, a.start().minus(Duration.ofHours(3)), a.start());
      double midday = mean(rows, noon, noon.plus(Duration.ofHours(1)));
      assertThat(Math.abs(midday - night)).as(a.toString()).isLessThan(0.3 * profile.amplitude());
    }
  }

  @Test
  void theStepIsASetting() {
    UnivariateSettings minutes = UnivariateSettings.defaults(1, 3).withStep(Duration.ofMinutes(1));
    Run r = run(minutes, 3);
    assertThat(r.rows())
        .extracting(UnivariateRow::time)
        .startsWith(minutes.start(), minutes.start().plusSeconds(60));
  }

  @Test
  void refusesInvalidSettingsNamingTheField() {
    assertThatThrownBy(() -> UnivariateSettings.defaults(0, 1)).hasMessageContaining("devices = 0");
    assertThatThrownBy(() -> UnivariateSettings.defaults(1, 1).withStep(Duration.ofHours(2)))
        .hasMessageContaining("step = PT2H is invalid; allowed: 1ms..1h");
    assertThatThrownBy(() -> UnivariateSettings.defaults(1, 1).withKinds(Set.of()))
        .hasMessageContaining("kinds");
  }

  private static boolean within(Instant t, UnivariateEvent e) {
    return !t.isBefore(e.start()) && !t.isAfter(e.end());
  }

  private static UnivariateProfile profileOf(Run r, String device) {
    return r.sim().profiles().stream()
        .filter(p -> p.deviceId().equals(device))
        .findFirst()
        .orElseThrow();
  }

  /** The mean value between two times, NaN without rows (a pause). */
  private static double mean(List<UnivariateRow> rows, Instant from, Instant until) {
    return rows.stream()
        .filter(row -> !row.time().isBefore(from) && row.time().isBefore(until))
        .mapToDouble(UnivariateRow::value)
        .average()
        .orElse(Double.NaN);
  }

  /** The mean value less the daily pattern, between two times, NaN without rows (a pause). */
  private static double meanResidual(
      UnivariateProfile profile, List<UnivariateRow> rows, Instant from, Instant until) {
    return rows.stream()
        .filter(row -> !row.time().isBefore(from) && row.time().isBefore(until))
        .mapToDouble(
            row -> {
              var utc = row.time().atZone(ZoneOffset.UTC);
              boolean weekend =
                  utc.getDayOfWeek() == DayOfWeek.SATURDAY
                      || utc.getDayOfWeek() == DayOfWeek.SUNDAY;
              double hour = utc.getHour() + utc.getMinute() / 60.0;
              return row.value()
                  - profile.amplitude()
                      * (weekend ? profile.weekendFactor() : 1)
                      * profile.dailyShape(hour);
            })
        .average()
        .orElse(Double.NaN);
  }

  private static double meanOn(List<UnivariateRow> rows, boolean weekend) {
    return rows.stream()
        .filter(
            row -> {
              DayOfWeek day = row.time().atZone(ZoneOffset.UTC).getDayOfWeek();
              return (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) == weekend;
            })
        .mapToDouble(UnivariateRow::value)
        .average()
        .orElseThrow();
  }

  /** Autocorrelation at {@code lag} steps over the pairs where both steps have a row. */
  private static double autocorrelation(Map<Long, Double> byStep, long lag) {
    double mean = byStep.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        byStep.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElseThrow();
    double sum = 0;
    int n = 0;
    for (Map.Entry<Long, Double> e : byStep.entrySet()) {
      Double later = byStep.get(e.getKey() + lag);
      if (later != null) {
        sum += (e.getValue() - mean) * (later - mean);
        n++;
      }
    }
    return sum / n / variance;
  }
}
