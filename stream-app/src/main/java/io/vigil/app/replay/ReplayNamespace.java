package io.vigil.app.replay;

import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.app.config.VigilConfig;
import java.nio.file.Path;

/**
 * An isolated replay namespace: the live configuration with its own topics ({@code
 * <prefix>replay.<name>.frames}, {@code ...scores}, {@code ...anomalies}, ...), its own application
 * id ({@code <application id>-replay-<name>}) and its own state directory, so a stream application
 * detecting on a replay never reads or writes live topics, thresholds or episodes.
 *
 * @param name the namespace's name: letters, digits, '_' and '-', 1 to 64 characters
 */
public record ReplayNamespace(String name) {
  /** The segment after the live prefix that every namespace's topics start with. */
  public static final String SEGMENT = "replay.";

  /** Validates the name. */
  public ReplayNamespace {
    requireValidName(name, "replay namespace");
  }

  /**
   * Checks a replay's name: letters, digits, '_' and '-', 1 to 64 characters (it becomes part of
   * topic names, an application id and a transactional id).
   *
   * @param name the name
   * @param what what the name is of, for the message
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static void requireValidName(String name, String what) {
    if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is invalid, expected 1 to 64 letters, digits, '_' or '-'");
    }
  }

  /**
   * Returns the prefix of every topic of the namespace.
   *
   * @param live the live topic names
   * @return e.g. {@code vigil.replay.incident-42.}
   */
  public String topicPrefix(TopicNames live) {
    return live.prefix() + SEGMENT + name + ".";
  }

  /**
   * Returns the namespace's topic names: the live ones under the namespace's prefix.
   *
   * @param live the live topic names
   * @return the namespace's names
   */
  public TopicNames topics(TopicNames live) {
    String prefix = topicPrefix(live);
    return new TopicNames(
        prefix,
        live.frames(),
        live.readings(),
        live.policies(),
        live.activePolicies(),
        live.scores(),
        live.anomalies(),
        live.deadLetter(),
        live.denoised(),
        live.embeddings());
  }

  /**
   * Returns the stream application id of the namespace.
   *
   * @param live the live configuration
   * @return {@code <live id>-replay-<name>}
   */
  public String applicationId(VigilConfig live) {
    return live.applicationId() + "-replay-" + name;
  }

  /**
   * Returns the configuration of the namespace's stream application: the live one (cluster,
   * security, model, detection settings) with the namespace's topics, application id and state
   * directory, Avro input (the replay publishes Avro) and no metrics endpoint of its own.
   *
   * @param live the live configuration
   * @return the namespace's configuration
   */
  public VigilConfig config(VigilConfig live) {
    return new VigilConfig(
        live.bootstrapServers(),
        applicationId(live),
        topics(live.topics()),
        InputFormat.AVRO,
        stateDir(live),
        live.exactlyOnce(),
        live.commitIntervalMillis(),
        live.model(),
        live.inference(),
        live.detection(),
        live.outputs(),
        0,
        live.kafka(),
        // The namespace's application serves no dashboard: the live one shows the live fleet.
        live.dashboard().withPort(-1),
        live.startupTimeoutMillis());
  }

  /**
   * Returns the namespace's local state directory.
   *
   * @param live the live configuration
   * @return a directory beside the live state
   */
  public Path stateDir(VigilConfig live) {
    return live.stateDir().resolveSibling(live.stateDir().getFileName() + "-replay-" + name);
  }

  /**
   * Returns the key of this namespace's replay progress record.
   *
   * @return {@code namespace:<name>}
   */
  public String progressKey() {
    return "namespace:" + name;
  }

  /**
   * Returns the compacted topic where every replay of a cluster records its progress.
   *
   * @param live the live topic names
   * @return {@code <prefix>replay-progress}
   */
  public static String progressTopic(TopicNames live) {
    return live.prefix() + "replay-progress";
  }
}
