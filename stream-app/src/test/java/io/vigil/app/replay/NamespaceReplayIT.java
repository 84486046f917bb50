package io.vigil.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays through the real broker: an interrupted replay resumes without duplicates, a namespace
 * replay leaves every live topic and live state changelog as it was, and namespaces are listed and
 * deleted.
 */
@WithKafka
class NamespaceReplayIT {
  @TempDir Path dir;

  private static List<TelemetryFrame> frames(int devices, int steps, long seed) {
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(devices, seed));
    List<TelemetryFrame> frames = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      for (SimulatedFrame f : fleet.nextStep()) {
        frames.add(FramePublisher.toRecord(f));
      }
    }
    return frames;
  }

  @Test
  void anInterruptedReplayResumesWithoutDuplicates(KafkaCluster kafka) throws Exception {
    VigilConfig live =
        Pipelines.config(kafka.bootstrapServers(), "resume.", "resume", dir, TestModels.small(dir));
    TopicCatalogue topics = Pipelines.createTopics(live, 2);
    String progress = ReplayNamespace.progressTopic(live.topics());
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(progress, 1, (short) 1))).all().get();
    }
    List<TelemetryFrame> all = frames(3, 1000, 4);
    // The source fails at frame 2,500: 2 transactions of 1,000 are committed, 500 frames of the
    // third are sent and never committed.
    List<TelemetryFrame> failing =
        new AbstractList<>() {
          @Override
          public TelemetryFrame get(int i) {
            if (i == 2500) {
              throw new IllegalStateException("source failed at frame 2500");
            }
            return all.get(i);
          }

          @Override
          public int size() {
            return all.size();
          }
        };
    ReplayPublisher publisher =
        new ReplayPublisher(
            kafka.bootstrapServers(), Map.of(), topics.frames(), progress, "live:resume", 1000);
    assertThatThrownBy(() -> publisher.publish(failing, "hash-1", Pace.MAX, (d, t) -> {}))
        .hasMessageContaining("frame 2500");
    assertThat(publisher.progress()).get().extracting(ReplayProgress::next).isEqualTo(2000L);

    ReplayPublisher.Outcome resumed =
        publisher.publish(all, "hash-1", Pace.MAX, ReplayPublisher.Listener.NONE);
    assertThat(resumed.resumedFrom()).isEqualTo(2000);
    assertThat(resumed.published()).isEqualTo(1000);

    List<ConsumerRecord<String, TelemetryFrame>> read =
        Pipelines.readAll(
            kafka.bootstrapServers(),
            topics.frames().name(),
            new StringDeserializer(),
            topics.frames().valueSerde().deserializer());
    assertThat(read).hasSize(all.size());
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, TelemetryFrame> r : read) {
      assertThat(seen.add(r.key() + "@" + r.value().getEventTime())).isTrue();
      assertThat(r.timestamp()).isEqualTo(r.value().getEventTime().toEpochMilli());
    }
    // Done: a third run publishes nothing; another source under the same name is refused.
    assertThat(publisher.publish(all, "hash-1", Pace.MAX, (d, t) -> {}).published()).isZero();
    assertThatThrownBy(() -> publisher.publish(all, "hash-2", Pace.MAX, (d, t) -> {}))
        .hasMessageContaining("was started with other data");
  }

  @Test
  void aNamespaceReplayLeavesLiveTopicsAndStateAsTheyWereAndCanBeDeleted(KafkaCluster kafka)
      throws Exception {
    Path model = TestModels.small(dir);
    VigilConfig live =
        Pipelines.config(kafka.bootstrapServers(), "iso.", "iso", dir.resolve("live-state"), model);
    TopicCatalogue topics = Pipelines.createTopics(live, 2);
    List<SimulatedFrame> liveFrames = new ArrayList<>();
    FleetSimulator fleet = new FleetSimulator(SimulatorSettings.defaults(2, 9));
    for (int k = 0; k < 300; k++) {
      liveFrames.addAll(fleet.nextStep());
    }
    Map<String, Long> before;
    try (VigilApp app = VigilApp.start(live, Duration.ofMinutes(2))) {
      Pipelines.publish(live, topics, liveFrames);
      Pipelines.awaitCommitted(
          live, topics.frames().name(), liveFrames.size(), Duration.ofMinutes(1));
      before = liveEnds(kafka, live);

      NamespaceReplay.Result result =
          new NamespaceReplay(live, new ReplayNamespace("incident-7"))
              .run(
                  frames(2, 600, 13),
                  "sim-13",
                  Pace.MAX,
                  1,
                  (short) 1,
                  ReplayPublisher.Listener.NONE,
                  Duration.ofMinutes(2));
      assertThat(result.scores()).isPositive();
      assertThat(app.metrics().streamThreadReplacedCount()).isZero();
    }
    // Live topics and the live application's changelogs hold exactly what they held.
    assertThat(liveEnds(kafka, live)).isEqualTo(before);
    assertThat(NamespaceReplay.list(live)).containsExactly("incident-7");
    ReplayNamespace ns = new ReplayNamespace("incident-7");
    assertThat(Files.exists(ns.stateDir(live))).isTrue();

    List<String> deleted = new NamespaceReplay(live, ns).delete();
    assertThat(deleted)
        .contains("iso.replay.incident-7.frames", "iso.replay.incident-7.anomalies")
        .allMatch(t -> t.startsWith("iso.replay.incident-7.") || t.startsWith("iso-replay-"));
    assertThat(NamespaceReplay.list(live)).isEmpty();
    assertThat(Files.exists(ns.stateDir(live))).isFalse();
    assertThat(liveEnds(kafka, live)).isEqualTo(before);
  }

  /** End offsets of every live topic and of the live application's internal topics. */
  private static Map<String, Long> liveEnds(KafkaCluster kafka, VigilConfig live) throws Exception {
    Map<String, Long> ends = new TreeMap<>();
    try (Admin admin = admin(kafka)) {
      for (String topic : admin.listTopics().names().get()) {
        boolean liveTopic =
            topic.startsWith(live.topics().prefix())
                && !topic.startsWith(live.topics().prefix() + ReplayNamespace.SEGMENT)
                && !topic.equals(ReplayNamespace.progressTopic(live.topics()));
        boolean internal =
            topic.startsWith(live.applicationId() + "-") && !topic.contains("-replay-");
        if (liveTopic || internal) {
          ends.put(topic, Pipelines.endOffsets(kafka.bootstrapServers(), topic));
        }
      }
    }
    assertThat(ends).containsKey(live.applicationId() + "-device-detectors-changelog");
    return ends;
  }

  private static Admin admin(KafkaCluster kafka) {
    Map<String, Object> props = new HashMap<>();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(props);
  }

  @Test
  void aLiveReplayIsRefusedWhenTheTopicWouldDeleteItsOldestFrames(KafkaCluster kafka)
      throws Exception {
    VigilConfig live =
        Pipelines.config(
            kafka.bootstrapServers(), "retention.", "retention", dir, TestModels.small(dir));
    try (Admin admin = admin(kafka)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(live.topics().framesTopic(), 1, (short) 1)
                      .configs(
                          Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis())))))
          .all()
          .get();
    }
    List<TelemetryFrame> frames = frames(1, 10, 2);
    Instant now = frames.get(0).getEventTime().plus(Duration.ofDays(2));

    assertThatThrownBy(
            () ->
                LiveReplay.run(
                    live, "old", frames, "h", Pace.MAX, ReplayPublisher.Listener.NONE, now))
        .hasMessageContaining("retention.frames")
        .hasMessageContaining("retention.ms=86400000")
        .hasMessageContaining("replay into a namespace");
    assertThat(Pipelines.endOffsets(kafka.bootstrapServers(), live.topics().framesTopic()))
        .isZero();
    // A day and a half younger, the same frames are within the retention and go through.
    ReplayPublisher.Outcome ok =
        LiveReplay.run(
            live,
            "old",
            frames,
            "h",
            Pace.MAX,
            ReplayPublisher.Listener.NONE,
            now.minus(Duration.ofHours(36)));
    assertThat(ok.published()).isEqualTo(frames.size());
  }
}
