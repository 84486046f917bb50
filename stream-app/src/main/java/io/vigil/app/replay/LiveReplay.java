package io.vigil.app.replay;

import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.TelemetryFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A replay into the live frames topic, for a deployment that should see the recorded data as if it
 * came from the fleet (the live thresholds learn from it, its alerts are real alerts). Checks first
 * that the topic keeps records as old as the oldest replayed frame, so none is deleted mid-run.
 */
public final class LiveReplay {
  private LiveReplay() {}

  /**
   * Publishes the frames not yet published by an earlier run of this replay.
   *
   * @param live the live configuration
   * @param name the replay's name (its progress key is {@code live:<name>})
   * @param frames the frames in replay order
   * @param sourceHash identifies the data, for resuming
   * @param pace how fast
   * @param listener told as frames are committed
   * @param now the wall clock, for the retention check
   * @return what was done
   * @throws IllegalStateException when the topic would delete the oldest frames
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the cluster refuses an admin request
   */
  public static ReplayPublisher.Outcome run(
      VigilConfig live,
      String name,
      List<TelemetryFrame> frames,
      String sourceHash,
      Pace pace,
      ReplayPublisher.Listener listener,
      Instant now)
      throws InterruptedException, ExecutionException {
    ReplayNamespace.requireValidName(name, "replay name");
    TopicCatalogue topics = TopicCatalogue.of(live.topics(), live.inputFormat());
    String progressTopic = ReplayNamespace.progressTopic(live.topics());
    Map<String, Object> client = new HashMap<>(live.kafka());
    client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, live.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      if (!frames.isEmpty()) {
        Instant oldest =
            frames.stream().map(TelemetryFrame::getEventTime).min(Instant::compareTo).get();
        checkRetention(admin, topics.frames().name(), oldest, now);
      }
      ReplayPublisher.ensureProgressTopic(admin, progressTopic, (short) 1);
    }
    return new ReplayPublisher(
            live.bootstrapServers(), live.kafka(), topics.frames(), progressTopic, "live:" + name)
        .publish(frames, sourceHash, pace, listener);
  }

  /**
   * Refuses a replay whose oldest frame the topic would delete: its {@code retention.ms} must be -1
   * (forever) or longer than the frame's age.
   *
   * @param admin the cluster
   * @param topic the frames topic
   * @param oldest the oldest event time replayed
   * @param now the wall clock
   * @throws IllegalStateException naming the topic, the retention and the age
   * @throws InterruptedException when interrupted
   * @throws ExecutionException when the topic's configuration cannot be read
   */
  public static void checkRetention(Admin admin, String topic, Instant oldest, Instant now)
      throws InterruptedException, ExecutionException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
    long retentionMs = retention == null ? -1 : Long.parseLong(retention.value());
    Duration age = Duration.between(oldest, now);
    if (retentionMs >= 0 && age.toMillis() >= retentionMs) {
      throw new IllegalStateException(
          String.format(
              "topic %s keeps records for %s (retention.ms=%d) but the oldest replayed frame is"
                  + " %s old (%s): the broker would delete it. Raise the topic's retention.ms"
                  + " above the age, or replay into a namespace (--namespace), whose topics keep"
                  + " records forever",
              topic, Duration.ofMillis(retentionMs), retentionMs, age.withNanos(0), oldest));
    }
  }
}
