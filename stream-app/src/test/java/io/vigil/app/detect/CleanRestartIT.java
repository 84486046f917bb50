package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.internals.ProcessorStateManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A clean restart keeps the local state: a frames-only application (no readings, no policies, so
 * some of its stores are never written) is closed and started again on the same state directory,
 * and Kafka Streams finds a committed offset for every store instead of declaring tasks corrupted
 * and rebuilding them from their changelogs.
 */
@WithKafka
class CleanRestartIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);

  @Test
  void aCleanRestartReusesTheLocalStateOfEveryTask(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "restart.",
            "restart",
            dir.resolve("state"),
            TestModels.small(dir));
    TopicCatalogue topics = Pipelines.createTopics(config, 2);
    // Fewer frames than a window (W=8): the first run scores nothing, so its recent scores and
    // episodes are never written.
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(4, 3), 5);
    Pipelines.publish(config, topics, frames);
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      Pipelines.awaitCommitted(config, topics.frames().name(), frames.size(), WITHIN);
      assertThat(app.metrics().windowCount()).isZero();
    }

    Logger stateManager = (Logger) LoggerFactory.getLogger(ProcessorStateManager.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    stateManager.addAppender(log);
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
    } finally {
      stateManager.detachAppender(log);
      log.stop();
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .as("the second start's state manager")
        .noneMatch(m -> m.contains("wipe out the local state"));
  }
}
