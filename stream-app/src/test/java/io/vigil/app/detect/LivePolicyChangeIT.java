package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AlertRule;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowScore;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import io.vigil.testkit.clients.KafkaTestClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy published to the control topic while the application runs applies to the following
 * windows, without a restart, within seconds.
 */
@WithKafka
class LivePolicyChangeIT {
  /**
   * Generous on a loaded 2-core machine; the usual figure is well under a second plus the commit
   * interval.
   */
  private static final Duration WITHIN = Duration.ofSeconds(15);

  @Test
  void aPolicyPublishedWhileRunningAppliesWithinSeconds(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "live-policy.",
            "live-policy",
            dir.resolve("state"),
            TestModels.small(dir));
    TopicCatalogue topics = Pipelines.createTopics(config, 1);
    FleetSimulator fleet =
        new FleetSimulator(SimulatorSettings.defaults(1, 3).withWarmupSteps(Integer.MAX_VALUE));
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2));
        FramePublisher publisher =
            new FramePublisher(kafka.bootstrapServers(), topics.frames(), Map.of());
        KafkaConsumer<String, WindowScore> scores =
            new KafkaConsumer<>(
                props, new StringDeserializer(), topics.scores().valueSerde().deserializer())) {
      scores.assign(List.of(new TopicPartition(topics.scores().name(), 0)));
      // Frames until the first score under the built-in policy arrives.
      WindowScore first = publishUntil(fleet, publisher, scores, s -> true, Duration.ofMinutes(1));
      assertThat(first.getPolicy().getId()).isEqualTo("built-in-default");

      ThresholdPolicy policy =
          ThresholdPolicy.newBuilder()
              .setPolicyId("live")
              .setScope(PolicyScope.FLEET)
              .setMethod(ThresholdMethod.STATIC)
              .setParameters(Map.of("value", 123.0))
              .setWarmupWindows(0)
              .setAlertRule(new AlertRule(3, 5, 5, 60_000L, List.of(1.5, 2.0, 4.0), 3))
              .setVersion(1L)
              .setAuthor("it")
              .setCreatedAt(Instant.EPOCH)
              .build();
      long published = System.nanoTime();
      KafkaTestClients.produce(
          kafka.bootstrapServers(),
          topics.policies().keySerde().serializer(),
          topics.policies().valueSerde().serializer(),
          List.of(new ProducerRecord<>(topics.policies().name(), "fleet", policy)));

      WindowScore applied =
          publishUntil(fleet, publisher, scores, s -> s.getPolicy().getId().equals("live"), WITHIN);
      Duration took = Duration.ofNanos(System.nanoTime() - published);
      assertThat(applied.getThreshold()).isEqualTo(123.0);
      assertThat(app.state().isRunningOrRebalancing()).isTrue();
      System.out.printf("policy applied %d ms after it was published%n", took.toMillis());
    }
  }

  /** Publishes one step of frames at a time until a score matching {@code wanted} is read. */
  private static WindowScore publishUntil(
      FleetSimulator fleet,
      FramePublisher publisher,
      KafkaConsumer<String, WindowScore> scores,
      java.util.function.Predicate<WindowScore> wanted,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (SimulatedFrame f : fleet.nextStep()) {
        publisher.send(f);
      }
      publisher.flush();
      for (ConsumerRecord<String, WindowScore> r : scores.poll(Duration.ofMillis(50))) {
        if (wanted.test(r.value())) {
          return r.value();
        }
      }
    }
    throw new AssertionError("no matching score within " + timeout);
  }
}
