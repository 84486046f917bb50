package io.vigil.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyPreviewTest {
  private static final List<String> CHANNELS = List.of("a", "b");

  /** 300 windows 4 s apart, scores around 1 with a burst of 10 at windows 200-219. */
  private static List<PolicyPreview.StoredScore> scores() {
    List<PolicyPreview.StoredScore> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double s = (i >= 200 && i < 220 ? 10 : 1) + 0.05 * Math.sin(i);
      out.add(
          new PolicyPreview.StoredScore(
              i * 4000L, i * 4000L + 31_000, s, new float[] {(float) s / 2, (float) s / 2}));
    }
    return out;
  }

  @Test
  void theDefaultPolicyWouldHaveOpenedOneEpisodeOverTheBurst() {
    PolicyPreview.DeviceResult r =
        PolicyPreview.run("d", DetectionDefaults.policy(2.0, 32, 4), CHANNELS, scores());
    assertThat(r.points()).hasSize(300);
    assertThat(r.episodes()).hasSize(1);
    PolicyPreview.Span span = r.episodes().get(0);
    assertThat(span.startTime()).isEqualTo(200 * 4000L + 31_000);
    assertThat(span.endTime()).isPresent();
    assertThat(span.peakScore()).isGreaterThan(9.9);
    assertThat(r.points().get(10).phase()).isEqualTo(WindowPhase.WARMING_UP);
    assertThat(r.points().get(205).phase()).isEqualTo(WindowPhase.IN_EPISODE);
  }

  @Test
  void aStricterRuleWouldHaveOpenedNone() {
    DetectionPolicy d = DetectionDefaults.policy(2.0, 32, 4);
    AlertRule r = d.alertRule();
    DetectionPolicy never =
        new DetectionPolicy(
            "never",
            1,
            d.threshold(),
            new AlertRule(
                30, 30, r.closeAfterNormal(), r.updateIntervalMillis(), r.severityBands(), 3));
    assertThat(PolicyPreview.run("d", never, CHANNELS, scores()).episodes()).isEmpty();
  }
}
