package io.vigil.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The stream application's configuration. Read from a properties file: keys {@code vigil.*} are
 * Vigil's own (documented in the README, with defaults), keys {@code kafka.*} are handed to every
 * Kafka client with the prefix removed (security settings, timeouts, ...).
 *
 * @param bootstrapServers the Kafka cluster
 * @param applicationId Kafka Streams application id (consumer group, state and internal topic
 *     prefix)
 * @param topics names of Vigil's topics
 * @param inputFormat encoding of frames on the frames topic
 * @param stateDir where Kafka Streams keeps its local state
 * @param exactlyOnce {@code exactly_once_v2} when true (the default), {@code at_least_once}
 *     otherwise
 * @param commitIntervalMillis Kafka Streams commit interval
 * @param kafka extra Kafka client properties
 */
public record VigilConfig(
    String bootstrapServers,
    String applicationId,
    TopicNames topics,
    InputFormat inputFormat,
    Path stateDir,
    boolean exactlyOnce,
    long commitIntervalMillis,
    Map<String, String> kafka) {

  public static final String PREFIX = "vigil.";
  public static final String KAFKA_PREFIX = "kafka.";

  public VigilConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ConfigException(
          "vigil.bootstrap.servers", bootstrapServers, "host:port[,host:port...]");
    }
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new ConfigException(
          "vigil.application.id", applicationId, "letters, digits, '.', '_' or '-'");
    }
    if (commitIntervalMillis < 1) {
      throw new ConfigException(
          "vigil.commit.interval.ms", commitIntervalMillis, "a positive number of milliseconds");
    }
    kafka = Map.copyOf(kafka);
  }

  /** Defaults for a cluster at {@code bootstrapServers}, state under {@code stateDir}. */
  public static VigilConfig defaults(String bootstrapServers, Path stateDir) {
    return fromProperties(
        properties(
            "vigil.bootstrap.servers", bootstrapServers, "vigil.state.dir", stateDir.toString()));
  }

  /**
   * Reads and validates {@code props}; an unknown {@code vigil.*} key is an error (a typo would go
   * unseen).
   */
  public static VigilConfig fromProperties(Properties props) {
    Map<String, String> vigil = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key).trim();
      if (key.startsWith(PREFIX)) {
        vigil.put(key, value);
      } else if (key.startsWith(KAFKA_PREFIX)) {
        kafka.put(key.substring(KAFKA_PREFIX.length()), value);
      } else {
        throw new ConfigException(key, value, "a key starting with 'vigil.' or 'kafka.'");
      }
    }
    Reader r = new Reader(vigil);
    VigilConfig config =
        new VigilConfig(
            r.string("vigil.bootstrap.servers", null),
            r.string("vigil.application.id", "vigil"),
            TopicNames.read(r),
            r.choice("vigil.input.format", InputFormat.class, InputFormat.AVRO),
            Path.of(
                r.string("vigil.state.dir", System.getProperty("java.io.tmpdir") + "/vigil-state")),
            r.guarantee(),
            r.longValue("vigil.commit.interval.ms", 1000),
            kafka);
    r.rejectUnknown();
    return config;
  }

  /** A copy with other topic names. */
  public VigilConfig withTopics(TopicNames newTopics) {
    return new VigilConfig(
        bootstrapServers,
        applicationId,
        newTopics,
        inputFormat,
        stateDir,
        exactlyOnce,
        commitIntervalMillis,
        kafka);
  }

  /** A copy with another application id. */
  public VigilConfig withApplicationId(String id) {
    return new VigilConfig(
        bootstrapServers,
        id,
        topics,
        inputFormat,
        stateDir,
        exactlyOnce,
        commitIntervalMillis,
        kafka);
  }

  /** A copy with another input format. */
  public VigilConfig withInputFormat(InputFormat format) {
    return new VigilConfig(
        bootstrapServers,
        applicationId,
        topics,
        format,
        stateDir,
        exactlyOnce,
        commitIntervalMillis,
        kafka);
  }

  static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  /** Reads typed values and remembers which keys it used. */
  static final class Reader {
    private final Map<String, String> values;
    private final java.util.Set<String> used = new java.util.HashSet<>();

    Reader(Map<String, String> values) {
      this.values = values;
    }

    String string(String key, String fallback) {
      used.add(key);
      String v = values.get(key);
      return v == null || v.isEmpty() ? fallback : v;
    }

    long longValue(String key, long fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, v, "an integer");
      }
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            key,
            v,
            "one of "
                + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .toList());
      }
    }

    boolean guarantee() {
      String v = string("vigil.processing.guarantee", "exactly_once_v2");
      return switch (v) {
        case "exactly_once_v2" -> true;
        case "at_least_once" -> false;
        default ->
            throw new ConfigException(
                "vigil.processing.guarantee", v, "exactly_once_v2 or at_least_once");
      };
    }

    void rejectUnknown() {
      for (String key : values.keySet()) {
        if (!used.contains(key)) {
          throw new ConfigException(
              key, values.get(key), "a known vigil.* key (see the README's configuration table)");
        }
      }
    }
  }
}
