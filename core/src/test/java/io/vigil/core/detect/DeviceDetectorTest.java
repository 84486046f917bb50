package io.vigil.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.alert.EpisodeEventKind;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.scoring.SeverityBands;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceDetectorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 5_000;
  private static final double SUGGESTED = 1.0;
  private static final ChannelScores CHANNELS =
      ChannelScores.of(List.of("temp", "vib"), new double[] {0.2, 0.6});

  /** Opens on one exceeding window, closes after two normal ones. */
  private static final AlertRule EAGER = new AlertRule(1, 1, 2, 60_000, SeverityBands.DEFAULT, 2);

  private static DetectionPolicy policy(
      long version, ThresholdMethod method, Map<String, Double> parameters, int warmup) {
    return new DetectionPolicy(
        "fleet", version, new ThresholdSpec(method, parameters, warmup, SUGGESTED), EAGER);
  }

  private static long at(int window) {
    return T0 + window * STEP;
  }

  @Test
  void warmUpReportsTheSuggestedThresholdAndNothingExceeds() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.EWMA, Map.of(), 3));

    Detection first = detector.onScore(at(0), 50, CHANNELS);

    assertThat(first.phase()).isEqualTo(Detection.Phase.WARMING_UP);
    assertThat(first.threshold()).isEqualTo(SUGGESTED);
    assertThat(first.exceeded()).isFalse();
    assertThat(first.learned()).isTrue();
    assertThat(first.event()).isEmpty();
  }

  @Test
  void adaptiveThresholdAppliesOnceWarmUpIsOver() {
    DeviceDetector detector =
        new DeviceDetector(
            "pump-7", policy(1, ThresholdMethod.EWMA, Map.of("alpha", 0.5, "k", 2.0), 3));
    detector.onScore(at(0), 1, CHANNELS);
    detector.onScore(at(1), 3, CHANNELS);
    // Scores are learned once n (here 1) later windows opened no episode: now 1 and 3 are.
    // EWMA: mean 2, raw variance 1, bias-corrected sigma^2 = 3 (EwmaThresholdTest) -> 2 + 2 sqrt 3
    detector.onScore(at(2), 2, CHANNELS);

    Detection below = detector.onScore(at(3), 5.4, CHANNELS);

    assertThat(below.phase()).isEqualTo(Detection.Phase.ADAPTIVE);
    assertThat(below.threshold()).isCloseTo(2 + 2 * Math.sqrt(3), within(1e-12));
    assertThat(below.exceeded()).isFalse();
    assertThat(below.policyId()).isEqualTo("fleet");
    assertThat(below.policyVersion()).isEqualTo(1);
  }

  @Test
  void anAnomalyLikelihoodEpisodeClosesOnceTheScoresAreNormalAgain() {
    // LIKELIHOOD tests the mean of the last scores judged, not of the last learned: inside an
    // episode nothing is learned, and a mean of the raised scores before it would never fall.
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.LIKELIHOOD, Map.of(), 50));
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    int window = 0;
    for (int i = 0; i < 2_000; i++) {
      detector.onScore(at(window++), 1 + 0.1 * random.nextDouble(), CHANNELS);
    }
    assertThat(detector.isEpisodeOpen()).isFalse();
    boolean opened = false;
    for (int i = 0; i < 30; i++) {
      opened |= detector.onScore(at(window++), 3, CHANNELS).exceeded();
    }
    assertThat(opened).isTrue();
    assertThat(detector.isEpisodeOpen()).isTrue();

    for (int i = 0; i < 20; i++) {
      detector.onScore(at(window++), 1 + 0.1 * random.nextDouble(), CHANNELS);
    }

    assertThat(detector.isEpisodeOpen()).isFalse();
  }

  @Test
  void suggestedThresholdAppliesAfterWarmUpUntilSpotIsCalibrated() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.SPOT, Map.of("initSize", 300.0), 2));
    detector.onScore(at(0), 0.1, CHANNELS);
    detector.onScore(at(1), 0.1, CHANNELS);

    Detection fallback = detector.onScore(at(2), 1.5, CHANNELS);

    assertThat(fallback.phase()).isEqualTo(Detection.Phase.FALLBACK);
    assertThat(fallback.threshold()).isEqualTo(SUGGESTED);
    assertThat(fallback.exceeded()).isTrue();
    assertThat(fallback.event().orElseThrow().kind()).isEqualTo(EpisodeEventKind.OPEN);
  }

  @Test
  void learnsOnlyFromWindowsOutsideAnEpisode() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.STATIC, Map.of("value", 1.0), 0));
    double[] scores = {0.5, 0.5, 2, 3, 0.5, 0.5, 0.5};
    List<Boolean> learned = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      Detection d = detector.onScore(at(i), scores[i], CHANNELS);
      learned.add(d.learned());
      events.add(d.event().map(e -> e.kind().name()).orElse("-"));
    }

    // The opening window, the episode's windows and its closing run are not learned from.
    assertThat(events).containsExactly("-", "-", "OPEN", "-", "-", "CLOSE", "-");
    assertThat(learned).containsExactly(true, true, false, false, false, false, true);
  }

  @Test
  void scoresLeadingUpToAnEpisodeAreNeverLearned() {
    DetectionPolicy threeOfFive =
        new DetectionPolicy(
            "fleet",
            1,
            new ThresholdSpec(ThresholdMethod.EWMA, Map.of("alpha", 0.5, "k", 2.0), 0, SUGGESTED),
            new AlertRule(3, 5, 2, 60_000, SeverityBands.DEFAULT, 2));
    DeviceDetector detector = new DeviceDetector("pump-7", threeOfFive);
    int w = 0;
    for (; w < 20; w++) {
      detector.onScore(at(w), 0.5, CHANNELS);
    }
    double before = detector.adaptiveThreshold().orElseThrow();
    // Two exceeding windows, then a third that opens the episode: none of the three is learned.
    detector.onScore(at(w++), 2, CHANNELS);
    detector.onScore(at(w++), 2, CHANNELS);
    assertThat(detector.onScore(at(w++), 2, CHANNELS).event().orElseThrow().kind())
        .isEqualTo(EpisodeEventKind.OPEN);
    for (int i = 0; i < 12; i++) {
      detector.onScore(at(w++), 0.5, CHANNELS);
    }
    assertThat(detector.isEpisodeOpen()).isFalse();
    // Had a 2 been learned, EWMA with alpha 0.5 would still show it after a dozen 0.5s.
    assertThat(detector.adaptiveThreshold().orElseThrow()).isEqualTo(before);
  }

  @Test
  void exceedingWindowsThatOpenNoEpisodeAreLearnedFrom() {
    DetectionPolicy threeOfFive =
        new DetectionPolicy(
            "fleet",
            1,
            new ThresholdSpec(ThresholdMethod.STATIC, Map.of("value", 1.0), 0, SUGGESTED),
            new AlertRule(3, 5, 2, 60_000, SeverityBands.DEFAULT, 2));
    DeviceDetector detector = new DeviceDetector("pump-7", threeOfFive);

    Detection lone = detector.onScore(at(0), 2, CHANNELS);

    assertThat(lone.exceeded()).isTrue();
    assertThat(lone.event()).isEmpty();
    assertThat(lone.learned()).isTrue();
  }

  @Test
  void aWindowNotAfterThePreviousIsStaleAndChangesNothing() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.EWMA, Map.of(), 0));
    detector.onScore(at(3), 0.5, CHANNELS);
    byte[] before = detector.toBytes();

    Detection stale = detector.onScore(at(3), 9, CHANNELS);

    assertThat(stale.phase()).isEqualTo(Detection.Phase.STALE);
    assertThat(stale.exceeded()).isFalse();
    assertThat(stale.learned()).isFalse();
    assertThat(detector.toBytes()).isEqualTo(before);
  }

  @Test
  void aPolicyThatIsNotNewerIsIgnored() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(5, ThresholdMethod.EWMA, Map.of(), 0));

    assertThat(detector.replacePolicy(policy(5, ThresholdMethod.QUANTILE, Map.of(), 0)))
        .isEqualTo(PolicyChange.IGNORED_NOT_NEWER);
    assertThat(detector.replacePolicy(policy(4, ThresholdMethod.QUANTILE, Map.of(), 0)))
        .isEqualTo(PolicyChange.IGNORED_NOT_NEWER);
    assertThat(detector.policy().version()).isEqualTo(5);
  }

  @Test
  void newParametersOfTheSameMethodKeepTheLearnedStateAndWarmUp() {
    DeviceDetector detector =
        new DeviceDetector(
            "pump-7", policy(1, ThresholdMethod.EWMA, Map.of("alpha", 0.5, "k", 2.0), 3));
    detector.onScore(at(0), 1, CHANNELS);
    detector.onScore(at(1), 3, CHANNELS);
    detector.onScore(at(2), 2, CHANNELS); // 1 and 3 learned: mean 2, corrected sigma^2 3

    PolicyChange change =
        detector.replacePolicy(policy(2, ThresholdMethod.EWMA, Map.of("alpha", 0.5, "k", 3.0), 3));

    assertThat(change).isEqualTo(PolicyChange.THRESHOLD_KEPT);
    assertThat(detector.scoresSinceReset()).isEqualTo(3);
    assertThat(detector.thresholdInForce()).isCloseTo(2 + 3 * Math.sqrt(3), within(1e-12));
    assertThat(detector.onScore(at(3), 1, CHANNELS).policyVersion()).isEqualTo(2);
  }

  @Test
  void aNewMethodResetsTheThresholdAndRestartsWarmUp() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.EWMA, Map.of(), 2));
    for (int i = 0; i < 10; i++) {
      detector.onScore(at(i), 0.5, CHANNELS);
    }

    PolicyChange change =
        detector.replacePolicy(policy(2, ThresholdMethod.QUANTILE, Map.of("quantile", 0.9), 2));

    assertThat(change).isEqualTo(PolicyChange.THRESHOLD_RESET);
    assertThat(detector.scoresSinceReset()).isZero();
    assertThat(detector.onScore(at(10), 9, CHANNELS).phase()).isEqualTo(Detection.Phase.WARMING_UP);
  }

  @Test
  void aNewAlertRuleKeepsTheOpenEpisode() {
    DeviceDetector detector =
        new DeviceDetector("pump-7", policy(1, ThresholdMethod.STATIC, Map.of("value", 1.0), 0));
    String id = detector.onScore(at(0), 2, CHANNELS).event().orElseThrow().episodeId();
    DetectionPolicy slowerToClose =
        new DetectionPolicy(
            "fleet",
            2,
            detector.policy().threshold(),
            new AlertRule(1, 1, 3, 60_000, SeverityBands.DEFAULT, 2));

    detector.replacePolicy(slowerToClose);

    assertThat(detector.isEpisodeOpen()).isTrue();
    detector.onScore(at(1), 0.5, CHANNELS);
    detector.onScore(at(2), 0.5, CHANNELS);
    Detection close = detector.onScore(at(3), 0.5, CHANNELS);
    assertThat(close.event().orElseThrow().kind()).isEqualTo(EpisodeEventKind.CLOSE);
    assertThat(close.event().orElseThrow().episodeId()).isEqualTo(id);
  }

  @Test
  void storingStateAfterEveryWindowChangesNoVerdict() {
    // The stream app writes the detector to a store after each window; the backtest keeps it in
    // memory. Both must produce the same detections.
    SplittableRandom random = new SplittableRandom(71);
    DetectionPolicy quantile =
        new DetectionPolicy(
            "fleet",
            1,
            new ThresholdSpec(ThresholdMethod.QUANTILE, Map.of("quantile", 0.98), 20, SUGGESTED),
            new AlertRule(2, 3, 3, 20_000, SeverityBands.DEFAULT, 2));
    DeviceDetector inMemory = new DeviceDetector("pump-7", quantile);
    byte[] stored = new DeviceDetector("pump-7", quantile).toBytes();
    int events = 0;
    for (int i = 0; i < 2_000; i++) {
      boolean anomalous = i % 400 > 380;
      double score = (anomalous ? 5 : 0) + -Math.log(1 - random.nextDouble());
      DeviceDetector restored = DeviceDetector.fromBytes(stored);

      Detection expected = inMemory.onScore(at(i), score, CHANNELS);
      Detection actual = restored.onScore(at(i), score, CHANNELS);
      stored = restored.toBytes();

      assertThat(actual).isEqualTo(expected);
      events += expected.event().isPresent() ? 1 : 0;
    }
    assertThat(events).isGreaterThan(5);
    assertThat(stored).isEqualTo(inMemory.toBytes());
  }

  @Test
  void everyThresholdMethodSurvivesTheDetectorCodec() {
    for (ThresholdMethod method : ThresholdMethod.values()) {
      Map<String, Double> parameters =
          method == ThresholdMethod.STATIC ? Map.of("value", 2.0) : Map.of();
      DeviceDetector original = new DeviceDetector("pump-7", policy(3, method, parameters, 5));
      SplittableRandom random = new SplittableRandom(72);
      for (int i = 0; i < 1_200; i++) {
        original.onScore(at(i), -Math.log(1 - random.nextDouble()), CHANNELS);
      }

      DeviceDetector restored = DeviceDetector.fromBytes(original.toBytes());

      assertThat(restored.policy()).isEqualTo(original.policy());
      assertThat(restored.deviceId()).isEqualTo("pump-7");
      assertThat(restored.thresholdInForce()).isEqualTo(original.thresholdInForce());
      assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }
  }
}
