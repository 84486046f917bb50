package io.vigil.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to run an {@link EmbeddedKafkaBroker}: where it keeps its data, which port it listens on and
 * which broker properties to change. Values are checked once, here, so a bad setting fails before
 * anything touches the disk, with the field and the value in the message.
 *
 * @param dataDir the broker's log directory; created if absent, formatted on first use and reused
 *     afterwards
 * @param port the client port on 127.0.0.1, or {@code 0} to pick a free one at every start
 * @param overrides broker properties that replace Vigil's defaults (for example {@code
 *     num.partitions}); the keys that wire the node itself (listeners, roles, directories) are
 *     reserved, see {@link #RESERVED_KEYS}
 * @param startupTimeout how long {@link EmbeddedKafkaBroker#start} waits for the broker to answer
 *     clients before it gives up
 * @param securedListeners further client listeners on 127.0.0.1, each on a free port and named
 *     after its security protocol ({@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}); their
 *     mechanisms, users and keystores are broker properties in {@code overrides} ({@code
 *     sasl.enabled.mechanisms}, {@code listener.name.sasl_ssl.ssl.keystore.location}, ...). The
 *     PLAINTEXT listener stays: the broker talks to itself on it.
 */
public record BrokerSettings(
    Path dataDir,
    int port,
    Map<String, String> overrides,
    Duration startupTimeout,
    List<String> securedListeners) {

  /** The security protocols a further listener may use. */
  public static final Set<String> SECURED_PROTOCOLS = Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL");

  /** A cold start takes 2.5 to 6 seconds on our machines; a minute allows for a loaded CI host. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Broker properties that {@link EmbeddedKafkaBroker} owns: they decide where the node listens and
   * stores its data, so an override would break the address it reports or the restart guarantees.
   */
  public static final Set<String> RESERVED_KEYS = BrokerProperties.RESERVED_KEYS;

  /** Validates every field; see the record description for what each one means. */
  public BrokerSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir must be set, was null");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port must be 0 (pick a free port) or within 1..65535, was " + port);
    }
    if (overrides == null) {
      throw new IllegalArgumentException("overrides must be a map (possibly empty), was null");
    }
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      String key = override.getKey();
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            "overrides must not contain a blank key, found '" + key + "'");
      }
      if (override.getValue() == null) {
        throw new IllegalArgumentException("overrides." + key + " must have a value, was null");
      }
      if (BrokerProperties.RESERVED_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "overrides."
                + key
                + " is reserved by the embedded broker; reserved keys are "
                + new TreeSet<>(BrokerProperties.RESERVED_KEYS));
      }
    }
    if (startupTimeout == null || startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
    }
    overrides = Map.copyOf(overrides);
    if (securedListeners == null) {
      throw new IllegalArgumentException("securedListeners must be a list (possibly empty)");
    }
    for (String protocol : securedListeners) {
      if (!SECURED_PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException(
            "securedListeners: '"
                + protocol
                + "' is not one of "
                + new TreeSet<>(SECURED_PROTOCOLS));
      }
    }
    if (new HashSet<>(securedListeners).size() != securedListeners.size()) {
      throw new IllegalArgumentException(
          "securedListeners must not name a protocol twice, was " + securedListeners);
    }
    securedListeners = List.copyOf(securedListeners);
  }

  /**
   * Settings with the PLAINTEXT listener only.
   *
   * @param dataDir the broker's log directory
   * @param port the client port, or 0
   * @param overrides broker properties
   * @param startupTimeout how long to wait for the broker
   */
  public BrokerSettings(
      Path dataDir, int port, Map<String, String> overrides, Duration startupTimeout) {
    this(dataDir, port, overrides, startupTimeout, List.of());
  }

  /**
   * Settings with Vigil's defaults: a free port picked at every start, no overrides and {@link
   * #DEFAULT_STARTUP_TIMEOUT}.
   *
   * @param dataDir the broker's log directory
   * @return the default settings for that directory
   */
  public static BrokerSettings defaults(Path dataDir) {
    return new BrokerSettings(dataDir, 0, Map.of(), DEFAULT_STARTUP_TIMEOUT);
  }

  /**
   * Returns a copy that listens on the given port.
   *
   * @param newPort the client port, or {@code 0} for a free one
   * @return the changed settings
   */
  public BrokerSettings withPort(int newPort) {
    return new BrokerSettings(dataDir, newPort, overrides, startupTimeout, securedListeners);
  }

  /**
   * Returns a copy with one more broker property override (replacing an earlier one for the key).
   *
   * @param key a broker property name that is not in {@link #RESERVED_KEYS}
   * @param value its value
   * @return the changed settings
   */
  public BrokerSettings withOverride(String key, String value) {
    Map<String, String> changed = new HashMap<>(overrides);
    changed.put(Objects.requireNonNull(key, "key"), value);
    return new BrokerSettings(dataDir, port, changed, startupTimeout, securedListeners);
  }

  /**
   * Returns a copy that waits at most {@code timeout} for the broker to become ready.
   *
   * @param timeout a positive duration
   * @return the changed settings
   */
  public BrokerSettings withStartupTimeout(Duration timeout) {
    return new BrokerSettings(dataDir, port, overrides, timeout, securedListeners);
  }

  /**
   * Returns a copy with one more client listener.
   *
   * @param protocol {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
   * @return the changed settings
   */
  public BrokerSettings withSecuredListener(String protocol) {
    List<String> changed = new ArrayList<>(securedListeners);
    changed.add(protocol);
    return new BrokerSettings(dataDir, port, overrides, startupTimeout, changed);
  }
}
