package io.vigil.broker;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM: one KRaft process in combined mode (broker and
 * controller), built from Kafka's own {@link KafkaRaftServer}, listening on 127.0.0.1 only. It is
 * ready for clients when {@link #start} returns, and it keeps its topics, records and cluster id
 * across restarts on the same data directory, also when the port changes.
 *
 * <p>The instance owns the server and its data directory lock; close it exactly once (further calls
 * do nothing), typically with try-with-resources.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  /** Ports chosen by us can be taken by another process before Kafka binds them; retry then. */
  private static final int START_ATTEMPTS_ON_FREE_PORTS = 3;

  /**
   * Interval between readiness probes that reached the broker before it listed itself as alive.
   * Unreachable-broker retries are paced by the admin client's own backoff instead.
   */
  private static final Duration READINESS_POLL_INTERVAL = Duration.ofMillis(50);

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final String bootstrapServers;
  private final Map<String, String> securedAddresses;
  private final String clusterId;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      Path dataDir,
      String bootstrapServers,
      Map<String, String> securedAddresses,
      String clusterId) {
    this.server = server;
    this.dataDir = dataDir;
    this.bootstrapServers = bootstrapServers;
    this.securedAddresses = Map.copyOf(securedAddresses);
    this.clusterId = clusterId;
  }

  /**
   * Formats the data directory if it has never been formatted, starts the broker and waits until it
   * answers an admin {@code describeCluster} call listing itself.
   *
   * @param settings where and how to run
   * @return the running broker, ready for clients
   * @throws IllegalArgumentException if the data directory is not a directory or an override is not
   *     a valid broker setting
   * @throws BrokerException if the broker cannot be formatted, started or reached within {@link
   *     BrokerSettings#startupTimeout()}
   */
  public static EmbeddedKafkaBroker start(BrokerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Path dataDir = prepareDataDir(settings.dataDir());
    long startedAt = System.nanoTime();
    int attempts = settings.port() == 0 ? START_ATTEMPTS_ON_FREE_PORTS : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        EmbeddedKafkaBroker broker = startOnce(settings, dataDir, startedAt);
        LOG.info(
            "Embedded Kafka broker ready at {} (data dir {}, cluster id {}) after {} ms",
            broker.bootstrapServers,
            dataDir,
            broker.clusterId,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return broker;
      } catch (BrokerException e) {
        if (attempt >= attempts || !isPortTaken(e)) {
          throw e;
        }
        LOG.warn("A free port was taken before the broker bound it; retrying with other ports", e);
      }
    }
  }

  private static EmbeddedKafkaBroker startOnce(
      BrokerSettings settings, Path dataDir, long startedAt) {
    List<String> secured = settings.securedListeners();
    int[] ports = LoopbackPorts.reserve(2 + secured.size());
    int clientPort = settings.port() == 0 ? ports[0] : settings.port();
    // A fixed client port may itself be free right now and so be among the reserved ones.
    int controllerPort = ports[1] != clientPort ? ports[1] : ports[0];
    String bootstrapServers = BrokerProperties.LOOPBACK_HOST + ":" + clientPort;
    Map<String, Integer> securedPorts = new LinkedHashMap<>();
    Map<String, String> securedAddresses = new LinkedHashMap<>();
    for (int i = 0; i < secured.size(); i++) {
      int port = ports[2 + i] != clientPort ? ports[2 + i] : ports[0];
      securedPorts.put(secured.get(i), port);
      securedAddresses.put(secured.get(i), BrokerProperties.LOOPBACK_HOST + ":" + port);
    }

    Properties properties =
        BrokerProperties.build(settings, dataDir, clientPort, controllerPort, securedPorts);
    KafkaConfig config;
    try {
      config = new KafkaConfig(properties, false);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "invalid broker setting in overrides " + settings.overrides() + ": " + e.getMessage(), e);
    }
    String clusterId = StorageFormat.formatIfAbsent(config, dataDir);

    KafkaRaftServer server;
    try {
      // Opens the data dir: checks meta.properties against this node and loads its metadata.
      server = new KafkaRaftServer(config, Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new BrokerException("cannot open the Kafka data dir " + dataDir, e);
    }
    try {
      server.startup();
      long deadline = startedAt + settings.startupTimeout().toNanos();
      awaitReady(bootstrapServers, deadline, settings.startupTimeout());
    } catch (RuntimeException e) {
      stopQuietly(server);
      throw e instanceof BrokerException
          ? e
          : new BrokerException(
              "Kafka broker on "
                  + bootstrapServers
                  + " with data dir "
                  + dataDir
                  + " failed to start",
              e);
    }
    return new EmbeddedKafkaBroker(server, dataDir, bootstrapServers, securedAddresses, clusterId);
  }

  private static Path prepareDataDir(Path dataDir) {
    Path absolute = dataDir.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("dataDir must be a directory, was the file " + absolute);
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new BrokerException("cannot create the data dir " + absolute, e);
    }
    return absolute;
  }

  /**
   * Waits until the broker answers {@code describeCluster} with itself among the nodes: then it has
   * registered with the controller, been unfenced, and clients can create topics and produce.
   */
  private static void awaitReady(String bootstrapServers, long deadline, Duration timeout) {
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG,
            "vigil-embedded-broker-readiness");
    Throwable lastFailure = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (true) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new BrokerException(
              "Kafka broker on "
                  + bootstrapServers
                  + " did not answer describeCluster within startupTimeout "
                  + timeout,
              lastFailure);
        }
        try {
          // The admin client retries an unreachable broker by itself until this call's timeout.
          Collection<Node> nodes =
              admin
                  .describeCluster(
                      new DescribeClusterOptions()
                          .timeoutMs((int) Math.min(remainingMillis, 30_000)))
                  .nodes()
                  .get();
          if (nodes.stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID)) {
            return;
          }
        } catch (ExecutionException e) {
          lastFailure = e.getCause();
        }
        LockSupport.parkNanos(READINESS_POLL_INTERVAL.toNanos());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException(
          "interrupted while waiting for the Kafka broker on " + bootstrapServers, e);
    }
  }

  private static boolean isPortTaken(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static void stopQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka broker failed to shut down after a failed start", e);
    }
  }

  /**
   * The address clients connect to.
   *
   * @return {@code 127.0.0.1:port}, for {@code bootstrap.servers}
   */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The address of a further listener.
   *
   * @param protocol one of {@link BrokerSettings#securedListeners()}
   * @return {@code 127.0.0.1:port} of that listener
   * @throws IllegalArgumentException when the broker has no such listener
   */
  public String bootstrapServers(String protocol) {
    String address = securedAddresses.get(protocol);
    if (address == null) {
      throw new IllegalArgumentException(
          "no " + protocol + " listener; the broker has " + securedAddresses.keySet());
    }
    return address;
  }

  /**
   * The broker's log directory, which also holds the KRaft metadata log.
   *
   * @return the absolute data directory
   */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * The cluster id written when the data directory was formatted; it stays the same across restarts
   * on that directory.
   *
   * @return the cluster id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * Shuts the broker down cleanly (flushing logs and releasing the data directory lock) and waits
   * until it has stopped. Later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long stoppingAt = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      throw new BrokerException(
          "Kafka broker on " + bootstrapServers + " with data dir " + dataDir + " failed to stop",
          e);
    }
    LOG.info(
        "Embedded Kafka broker at {} stopped after {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
  }
}
