package io.vigil.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The broker properties of the embedded node: the wiring it owns (roles, listeners, directories)
 * and Vigil's defaults for a single-node cluster, which {@link BrokerSettings#overrides()} may
 * change. The keys are Kafka's documented property names; a unit test checks each against Kafka's
 * own configuration definition, because most of the constants live in Kafka modules we do not
 * compile against.
 */
final class BrokerProperties {

  /** The only node of the cluster; a single-node KRaft quorum votes for itself. */
  static final int NODE_ID = 1;

  static final String LOOPBACK_HOST = "127.0.0.1";
  static final String CLIENT_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  static final Set<String> RESERVED_KEYS =
      Set.of(
          "process.roles",
          "node.id",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "log.dirs",
          "log.dir",
          "metadata.log.dir");

  /**
   * Defaults that differ from Kafka's because there is one node and little memory to spare. All of
   * them may be overridden.
   */
  static final Map<String, String> DEFAULTS = defaults();

  private BrokerProperties() {}

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    // The log cleaner allocates its dedupe buffer up front: 128 MiB of heap by default, 2 MiB is
    // plenty for the compacted changelogs of a single-node deployment.
    defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    // Nobody else will join: start the first rebalance at once instead of after three seconds.
    defaults.put("group.initial.rebalance.delay.ms", "0");
    defaults.put("group.streams.initial.rebalance.delay.ms", "0");
    // Internal topics default to three replicas, which one node can never host. Exactly-once Kafka
    // Streams needs the transaction state topic, so its replication and min ISR must fit too.
    defaults.put("offsets.topic.replication.factor", "1");
    defaults.put("transaction.state.log.replication.factor", "1");
    defaults.put("transaction.state.log.min.isr", "1");
    defaults.put("share.coordinator.state.topic.replication.factor", "1");
    defaults.put("share.coordinator.state.topic.min.isr", "1");
    // Fifty partitions per internal topic only slow the first group and transaction down here.
    defaults.put("offsets.topic.num.partitions", "4");
    defaults.put("transaction.state.log.num.partitions", "4");
    // Topics are created by their owners with the partitions and configs they need; a typo in a
    // topic name should fail rather than create an empty topic.
    defaults.put("auto.create.topics.enable", "false");
    // The demo and the tests replay telemetry with event times far in the past, and records carry
    // them as timestamps: time-based retention (7 days by default) would delete them mid-run.
    defaults.put("log.retention.ms", "-1");
    return Map.copyOf(defaults);
  }

  /**
   * Builds the complete broker configuration for one start.
   *
   * @param settings the validated settings (their overrides win over {@link #DEFAULTS})
   * @param dataDir the absolute data directory
   * @param clientPort the port clients connect to, already chosen
   * @param controllerPort the port of the KRaft controller listener, already chosen
   * @return the properties for {@code kafka.server.KafkaConfig}
   */
  static Properties build(
      BrokerSettings settings, Path dataDir, int clientPort, int controllerPort) {
    return build(settings, dataDir, clientPort, controllerPort, Map.of());
  }

  /**
   * Builds the complete broker configuration for one start, with further client listeners.
   *
   * @param settings the validated settings (their overrides win over {@link #DEFAULTS})
   * @param dataDir the absolute data directory
   * @param clientPort the port of the PLAINTEXT listener, already chosen
   * @param controllerPort the port of the KRaft controller listener, already chosen
   * @param securedPorts the port of each of {@link BrokerSettings#securedListeners()}, by protocol
   * @return the properties for {@code kafka.server.KafkaConfig}
   */
  static Properties build(
      BrokerSettings settings,
      Path dataDir,
      int clientPort,
      int controllerPort,
      Map<String, Integer> securedPorts) {
    Properties properties = new Properties();
    properties.putAll(DEFAULTS);
    properties.putAll(settings.overrides());
    // Combined mode: this one process is both the KRaft controller and the broker.
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", String.valueOf(NODE_ID));
    properties.put("controller.listener.names", CONTROLLER_LISTENER);
    // A static quorum keeps the controller's address in configuration rather than in the metadata
    // log, so a restart may bind the controller to a different free port.
    properties.put(
        "controller.quorum.voters", NODE_ID + "@" + LOOPBACK_HOST + ":" + controllerPort);
    StringBuilder listeners =
        new StringBuilder(CLIENT_LISTENER + "://" + LOOPBACK_HOST + ":" + clientPort);
    StringBuilder advertised = new StringBuilder(listeners);
    StringBuilder protocols =
        new StringBuilder(CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    for (String protocol : settings.securedListeners()) {
      String address = protocol + "://" + LOOPBACK_HOST + ":" + securedPorts.get(protocol);
      listeners.append(',').append(address);
      advertised.append(',').append(address);
      protocols.append(',').append(protocol).append(':').append(protocol);
    }
    listeners
        .append(',')
        .append(CONTROLLER_LISTENER)
        .append("://")
        .append(LOOPBACK_HOST)
        .append(':')
        .append(controllerPort);
    properties.put("listeners", listeners.toString());
    // Advertised afresh at every start: the broker re-registers with the ports it has now.
    properties.put("advertised.listeners", advertised.toString());
    properties.put("listener.security.protocol.map", protocols.toString());
    properties.put("inter.broker.listener.name", CLIENT_LISTENER);
    properties.put("log.dirs", dataDir.toString());
    return properties;
  }
}
