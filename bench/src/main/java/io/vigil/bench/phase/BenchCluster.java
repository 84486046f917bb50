package io.vigil.bench.phase;

import io.vigil.app.config.VigilConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The broker a bench run measures on and the settings every stream application of the run shares:
 * the processing guarantee, the partitions, and the user's extra settings. Each phase adds its own
 * application id, state directory and topic names on top, so the phases differ only in what they
 * run. Owns its admin client.
 */
public final class BenchCluster implements AutoCloseable {
  /** Prefix of every topic the bench creates. */
  public static final String TOPIC_PREFIX = "bench.";

  private final String bootstrapServers;
  private final Admin admin;
  private final int partitions;
  private final boolean exactlyOnce;
  private final Map<String, String> appSettings;
  private final Path stateRoot;

  /**
   * Connects to the broker.
   *
   * @param bootstrapServers the broker
   * @param partitions partitions of every topic
   * @param exactlyOnce the processing guarantee of every stream application
   * @param appSettings extra {@code vigil.*} / {@code kafka.*} settings
   * @param stateRoot under which each application gets its state directory
   */
  public BenchCluster(
      String bootstrapServers,
      int partitions,
      boolean exactlyOnce,
      Map<String, String> appSettings,
      Path stateRoot) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.partitions = partitions;
    this.exactlyOnce = exactlyOnce;
    this.appSettings = Map.copyOf(appSettings);
    this.stateRoot = stateRoot;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Admin admin() {
    return admin;
  }

  public int partitions() {
    return partitions;
  }

  /**
   * Returns the configuration of one stream application of the run.
   *
   * @param applicationId its id (consumer group, transactional ids, internal topics)
   * @param extra phase settings, alternating keys and values, applied last
   * @return the validated configuration
   */
  public VigilConfig config(String applicationId, String... extra) {
    Properties p = new Properties();
    p.putAll(appSettings);
    p.setProperty("vigil.bootstrap.servers", bootstrapServers);
    p.setProperty("vigil.application.id", applicationId);
    p.setProperty("vigil.state.dir", stateRoot.resolve(applicationId).toString());
    p.setProperty("vigil.processing.guarantee", exactlyOnce ? "exactly_once_v2" : "at_least_once");
    p.setProperty("vigil.http.port", "-1");
    p.putAll(VigilConfig.properties(extra));
    return VigilConfig.fromProperties(p);
  }

  /** Returns the settings shared by every application, for the report. */
  public Map<String, String> sharedSettings() {
    Map<String, String> shared = new java.util.TreeMap<>(appSettings);
    shared.put("vigil.processing.guarantee", exactlyOnce ? "exactly_once_v2" : "at_least_once");
    return shared;
  }

  /**
   * Creates plain topics with the run's partitions, and waits until each partition has a leader.
   *
   * @param names topic names
   */
  public void createTopics(List<String> names) throws InterruptedException, ExecutionException {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1));
    }
    admin.createTopics(topics).all().get();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!leadersKnown(names)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + names + " have no leader after 30 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private boolean leadersKnown(List<String> names) throws InterruptedException, ExecutionException {
    try {
      return admin.describeTopics(names).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false; // created, but not in this broker's metadata yet
      }
      throw e;
    }
  }

  /**
   * Returns how many records of {@code topic} the consumer group has not committed past.
   *
   * @param groupId the group, i.e. the application id
   * @param topic the input topic
   * @return the lag summed over the partitions
   */
  public long lag(String groupId, String topic) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    var ends = admin.listOffsets(latest).all().get();
    long lag = 0;
    for (TopicPartition tp : latest.keySet()) {
      OffsetAndMetadata c = committed.get(tp);
      lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close();
  }
}
