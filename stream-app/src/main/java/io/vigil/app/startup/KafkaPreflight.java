package io.vigil.app.startup;

import io.vigil.app.config.VigilConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the cluster, with an admin client and a short deadline, whether it answers, accepts the
 * credentials and holds the topics a command needs. Kafka's own clients retry an unreachable
 * cluster, a refused login or a missing topic for a minute or more and then fail with a message
 * that names neither the address nor the security settings; this check fails within its timeout
 * with a {@link StartupException} whose one line names the bootstrap servers, the security protocol
 * and SASL mechanism, and the cause.
 */
public final class KafkaPreflight {
  /** How long the check waits for the cluster by default. */
  public static final Duration DEFAULT_TIMEOUT =
      Duration.ofMillis(VigilConfig.DEFAULT_STARTUP_TIMEOUT_MILLIS);

  /** What to tell a user whose Vigil topics are missing. */
  public static final String CREATE_TOPICS_HINT =
      "`vigil run --create-topics` creates Vigil's topics";

  /** The check's admin client id; its client's own log lines repeat what the check reports. */
  public static final String CLIENT_ID = "vigil-preflight";

  private final String bootstrapServers;
  private final Map<String, Object> clientProperties;
  private final Duration timeout;

  /**
   * Creates the check.
   *
   * @param bootstrapServers the cluster
   * @param kafka the Kafka client properties the command will use (security settings and the like)
   * @param timeout how long to wait for answers
   */
  public KafkaPreflight(String bootstrapServers, Map<String, ?> kafka, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.bootstrapServers = bootstrapServers;
    this.clientProperties = new HashMap<>(kafka);
    this.timeout = timeout;
  }

  /**
   * The check of a Vigil configuration's cluster, with its client settings and start-up timeout.
   *
   * @param config the configuration
   * @return the check
   */
  public static KafkaPreflight of(VigilConfig config) {
    return new KafkaPreflight(
        config.bootstrapServers(),
        config.kafka(),
        Duration.ofMillis(config.startupTimeoutMillis()));
  }

  /**
   * Checks that the cluster answers and accepts the credentials, and that every topic exists.
   *
   * @param topics the topics the command reads or writes (may be empty)
   * @param whenMissing what to tell the user when a topic is missing, e.g. which option creates it
   * @return each topic's partition count, in the order given
   * @throws StartupException when the cluster does not answer within the timeout, refuses the
   *     credentials or the access, or a topic is missing
   */
  public Map<String, Integer> check(Collection<String> topics, String whenMissing) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (KafkaException e) {
      throw new StartupException(
          "cannot connect to " + where() + ": " + rootMessage(e) + " (check the bootstrap servers)",
          e);
    }
    try {
      await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes(), millis);
      Map<String, Integer> partitions = new LinkedHashMap<>();
      if (topics.isEmpty()) {
        return partitions;
      }
      Map<String, KafkaFuture<TopicDescription>> described =
          admin
              .describeTopics(topics, new DescribeTopicsOptions().timeoutMs(millis))
              .topicNameValues();
      List<String> missing = new ArrayList<>();
      for (String topic : topics) {
        try {
          partitions.put(topic, await(described.get(topic), millis).partitions().size());
        } catch (StartupException e) {
          if (e.getCause() instanceof UnknownTopicOrPartitionException) {
            missing.add(topic);
          } else {
            throw e;
          }
        }
      }
      if (!missing.isEmpty()) {
        throw new StartupException(
            (missing.size() == 1 ? "topic " : "topics ")
                + String.join(", ", missing)
                + (missing.size() == 1 ? " does" : " do")
                + " not exist on "
                + where()
                + (whenMissing == null || whenMissing.isBlank() ? "" : "; " + whenMissing),
            null);
      }
      return partitions;
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private <T> T await(KafkaFuture<T> future, int millis) {
    try {
      // The admin call has its own deadline; this one only guards against a call that never ends.
      return future.get(millis + 1000L, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while asking " + where(), e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw failure(e);
    }
  }

  private StartupException failure(Throwable cause) {
    String message;
    if (cause instanceof SaslAuthenticationException) {
      message = where() + " refused the credentials: " + rootMessage(cause);
    } else if (cause instanceof SslAuthenticationException) {
      message = "TLS handshake with " + where() + " failed: " + rootMessage(cause);
    } else if (cause instanceof AuthenticationException) {
      message = where() + " refused the connection: " + rootMessage(cause);
    } else if (cause instanceof AuthorizationException) {
      message = where() + " denied access: " + rootMessage(cause);
    } else if (cause instanceof UnknownTopicOrPartitionException) {
      message = rootMessage(cause);
    } else if (cause instanceof TimeoutException
        || cause instanceof java.util.concurrent.TimeoutException) {
      message =
          "no answer from "
              + where()
              + " within "
              + seconds()
              + " (is it running, and are the address and the security protocol right?)";
    } else {
      message = "cannot use " + where() + ": " + rootMessage(cause);
    }
    return new StartupException(message, cause);
  }

  /** The address with the security settings that decide how the client talks to it. */
  String where() {
    String protocol =
        String.valueOf(
                clientProperties.getOrDefault(
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"))
            .toUpperCase(Locale.ROOT);
    StringBuilder s = new StringBuilder("Kafka at ").append(bootstrapServers).append(" (");
    s.append(protocol);
    if (protocol.startsWith("SASL")) {
      s.append(", ").append(clientProperties.getOrDefault(SaslConfigs.SASL_MECHANISM, "GSSAPI"));
    }
    return s.append(')').toString();
  }

  private String seconds() {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root != e && e.getMessage() != null && !e.getMessage().equals(message)) {
      message = e.getMessage() + ": " + message;
    }
    return message.replaceAll("\\s+", " ").strip();
  }
}
