package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.simulate.AnomalyKind;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.InjectedAnomaly;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated fleet with injected anomalies through the real application on a real broker: every
 * injected anomaly opens exactly one episode, within a bounded event-time delay.
 */
@WithKafka
class FleetDetectionIT {
  /**
   * The longest event time from an anomaly's start to its episode's OPEN: one window plus n
   * strides.
   */
  private static final Duration MAX_DELAY = Duration.ofSeconds(32 + 5 * 4);

  /** How long after an anomaly ends an opening still belongs to it: one window. */
  private static final Duration TOLERANCE = Duration.ofSeconds(32);

  @Test
  void everyInjectedAnomalyOpensExactlyOneEpisodeWithinABoundedDelay(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    // Kinds the linear demo model separates clearly; FROZEN and BROKEN_CORRELATION are subtler (see
    // README).
    SimulatorSettings settings =
        SimulatorSettings.defaults(4, 5)
            .withKinds(
                EnumSet.of(
                    AnomalyKind.SPIKE,
                    AnomalyKind.LEVEL_SHIFT,
                    AnomalyKind.DRIFT,
                    AnomalyKind.NOISE_BURST));
    FleetSimulator fleet = new FleetSimulator(settings);
    List<SimulatedFrame> frames = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      frames.addAll(fleet.nextStep());
    }
    Instant last = fleet.timeOf(fleet.steps() - 1);
    List<InjectedAnomaly> injected =
        fleet.injectedAnomalies().stream()
            .filter(a -> a.end().plus(MAX_DELAY).isBefore(last))
            .toList();
    assertThat(injected).hasSizeGreaterThanOrEqualTo(8);

    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "fleet-it.",
            "fleet-it",
            dir.resolve("state"),
            TestModels.demo(dir));
    TopicCatalogue topics = Pipelines.createTopics(config, 3);
    Pipelines.publish(config, topics, frames);
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(
          config, topics.frames().name(), frames.size(), Duration.ofMinutes(3));
      assertThat(app.metrics().windowCount()).isPositive();
    }
    List<AnomalyEvent> opens =
        Pipelines.readAll(
                kafka.bootstrapServers(),
                topics.anomalies().name(),
                new StringDeserializer(),
                topics.anomalies().valueSerde().deserializer())
            .stream()
            .map(r -> r.value())
            .filter(e -> e.getKind() == EpisodeEventKind.OPEN)
            .toList();

    for (InjectedAnomaly a : injected) {
      List<AnomalyEvent> mine =
          opens.stream()
              .filter(e -> e.getDeviceId().equals(a.deviceId()))
              .filter(e -> !e.getStartTime().isBefore(a.start()))
              .filter(e -> !e.getStartTime().isAfter(a.end().plus(TOLERANCE)))
              .toList();
      assertThat(mine).as("episodes opened for %s", a).hasSize(1);
      assertThat(Duration.between(a.start(), mine.get(0).getEventTime()))
          .as("delay from %s to its OPEN", a)
          .isLessThanOrEqualTo(MAX_DELAY);
    }
  }
}
