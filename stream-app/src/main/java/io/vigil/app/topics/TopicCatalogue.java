package io.vigil.app.topics;

import io.vigil.app.config.InputFormat;
import io.vigil.app.config.OutputSettings;
import io.vigil.app.config.TopicNames;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;
import io.vigil.schemas.serde.VigilSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Vigil's topics, built once from configuration; immutable. The optional outputs' topics ({@code
 * denoised}, {@code embeddings}) are part of it only when their output is on: {@link #all()} lists,
 * {@code createMissing} creates and start-up checks only the topics this configuration writes, so a
 * cluster that does not use them is not given two empty topics.
 */
public final class TopicCatalogue {
  private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

  private final Topic<String, TelemetryFrame> frames;
  private final Topic<String, SensorReading> readings;
  private final Topic<String, ThresholdPolicy> policies;
  private final Topic<String, ThresholdPolicy> activePolicies;
  private final Topic<String, WindowScore> scores;
  private final Topic<String, AnomalyEvent> anomalies;
  private final Topic<String, DeadLetter> deadLetter;
  private final Topic<String, DenoisedWindow> denoised;
  private final Topic<String, WindowEmbedding> embeddings;
  private final OutputSettings outputs;

  private TopicCatalogue(TopicNames names, InputFormat format, OutputSettings outputs) {
    this.outputs = outputs;
    Serde<String> key = Serdes.String();
    Serde<TelemetryFrame> frameSerde =
        format == InputFormat.JSON ? VigilSerdes.jsonFrame() : VigilSerdes.frame();
    frames = new Topic<>(names.framesTopic(), key, frameSerde, false);
    readings = new Topic<>(names.readingsTopic(), key, VigilSerdes.reading(), false);
    policies = new Topic<>(names.policiesTopic(), key, VigilSerdes.thresholdPolicy(), true);
    activePolicies =
        new Topic<>(names.activePoliciesTopic(), key, VigilSerdes.thresholdPolicy(), true);
    scores = new Topic<>(names.scoresTopic(), key, VigilSerdes.windowScore(), false);
    anomalies = new Topic<>(names.anomaliesTopic(), key, VigilSerdes.anomalyEvent(), false);
    deadLetter = new Topic<>(names.deadLetterTopic(), key, VigilSerdes.deadLetter(), false);
    denoised = new Topic<>(names.denoisedTopic(), key, VigilSerdes.denoisedWindow(), false);
    embeddings = new Topic<>(names.embeddingsTopic(), key, VigilSerdes.windowEmbedding(), false);
  }

  /** The catalogue for these names, with frames in {@code format}, the optional outputs off. */
  public static TopicCatalogue of(TopicNames names, InputFormat format) {
    return new TopicCatalogue(names, format, OutputSettings.NONE);
  }

  /** The catalogue for these names, with frames in {@code format}, and the outputs that are on. */
  public static TopicCatalogue of(TopicNames names, InputFormat format, OutputSettings outputs) {
    return new TopicCatalogue(names, format, outputs);
  }

  public Topic<String, TelemetryFrame> frames() {
    return frames;
  }

  public Topic<String, SensorReading> readings() {
    return readings;
  }

  public Topic<String, ThresholdPolicy> policies() {
    return policies;
  }

  /** Validated policies in force, written by Vigil itself and read by every instance. */
  public Topic<String, ThresholdPolicy> activePolicies() {
    return activePolicies;
  }

  public Topic<String, WindowScore> scores() {
    return scores;
  }

  public Topic<String, AnomalyEvent> anomalies() {
    return anomalies;
  }

  public Topic<String, DeadLetter> deadLetter() {
    return deadLetter;
  }

  /** Reconstructed windows; written only when {@link #outputs()} has denoised on. */
  public Topic<String, DenoisedWindow> denoised() {
    return denoised;
  }

  /** Latent codes of windows; written only when {@link #outputs()} has embeddings on. */
  public Topic<String, WindowEmbedding> embeddings() {
    return embeddings;
  }

  /** The optional outputs that are on. */
  public OutputSettings outputs() {
    return outputs;
  }

  /** Every topic this configuration reads or writes, inputs first. */
  public List<Topic<?, ?>> all() {
    List<Topic<?, ?>> all =
        new ArrayList<>(
            List.of(frames, readings, policies, activePolicies, scores, anomalies, deadLetter));
    if (outputs.denoised()) {
      all.add(denoised);
    }
    if (outputs.embeddings()) {
      all.add(embeddings);
    }
    return List.copyOf(all);
  }

  /**
   * Creates the topics that do not exist yet: {@code partitions} each (the policies topic gets one:
   * it is small and read whole by every instance), compacted where the topic says so.
   */
  public void createMissing(Admin admin, int partitions, short replication)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> topic : all()) {
      if (!existing.contains(topic.name())) {
        NewTopic t = new NewTopic(topic.name(), topic.compacted() ? 1 : partitions, replication);
        if (topic.compacted()) {
          t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get();
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    }
  }

  /**
   * Waits until every partition of {@code names} has a leader. Producing to a topic created a
   * moment ago otherwise meets NOT_LEADER errors, and an idempotent producer's retries can then
   * fail with out-of-order sequence numbers. Each check is a round trip to the cluster.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
    while (true) {
      boolean ready;
      try {
        ready =
            admin.describeTopics(names).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false; // the metadata has not reached this broker yet
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topics " + names + " have partitions without a leader after " + LEADER_TIMEOUT);
      }
    }
  }
}
