package io.vigil.app.config;

import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
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
 * @param model the ONNX model file ({@code null}: none configured, as in a broker-only setup)
 * @param inference ONNX Runtime settings
 * @param detection windowing and batching settings
 * @param metricsPort port of the Prometheus endpoint on all interfaces; 0 turns it off
 * @param kafka extra Kafka client properties
 * @param dashboard the dashboard and HTTP API
 */
public record VigilConfig(
    String bootstrapServers,
    String applicationId,
    TopicNames topics,
    InputFormat inputFormat,
    Path stateDir,
    boolean exactlyOnce,
    long commitIntervalMillis,
    Path model,
    InferenceSettings inference,
    DetectionSettings detection,
    int metricsPort,
    Map<String, String> kafka,
    DashboardSettings dashboard) {

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
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new ConfigException("vigil.metrics.port", metricsPort, "0 (off) or a port 1..65535");
    }
    kafka = Map.copyOf(kafka);
    if (dashboard == null) {
      throw new ConfigException("vigil.http.*", null, "dashboard settings");
    }
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
            r.path("vigil.model.path"),
            inference(r),
            DetectionSettings.read(r),
            (int) r.longValue("vigil.metrics.port", 0),
            kafka,
            DashboardSettings.read(r));
    r.rejectUnknown();
    return config;
  }

  private static InferenceSettings inference(Reader r) {
    InferenceSettings d = InferenceSettings.defaults();
    String provider = r.string("vigil.inference.provider", null);
    ExecutionProvider p;
    try {
      p = provider == null ? d.provider() : ExecutionProvider.parse(provider);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("vigil.inference.provider", provider, "auto, cpu or cuda");
    }
    long threads = r.longValue("vigil.inference.intra-op-threads", d.intraOpThreads());
    long batch = r.longValue("vigil.inference.max-batch-size", d.maxBatchSize());
    if (threads < 1 || threads > InferenceSettings.MAX_THREADS) {
      throw new ConfigException(
          "vigil.inference.intra-op-threads", threads, "1.." + InferenceSettings.MAX_THREADS);
    }
    if (batch < 1 || batch > InferenceSettings.MAX_BATCH) {
      throw new ConfigException(
          "vigil.inference.max-batch-size", batch, "1.." + InferenceSettings.MAX_BATCH);
    }
    return new InferenceSettings(p, (int) threads, (int) batch);
  }

  /**
   * This configuration with other dashboard settings.
   *
   * @param newDashboard the settings
   * @return the copy
   */
  public VigilConfig withDashboard(DashboardSettings newDashboard) {
    return new VigilConfig(
        bootstrapServers,
        applicationId,
        topics,
        inputFormat,
        stateDir,
        exactlyOnce,
        commitIntervalMillis,
        model,
        inference,
        detection,
        metricsPort,
        kafka,
        newDashboard);
  }

  /** Properties from alternating keys and values, for building a configuration in code. */
  public static Properties properties(String... keyValues) {
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

    double doubleValue(String key, double fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, v, "a number");
      }
    }

    /** A duration: a number with a unit (ms, s, m, h, d), or plain milliseconds. */
    long durationMillis(String key, long fallback) {
      String v = string(key, null);
      if (v == null) {
        return fallback;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?").matcher(v.trim());
      if (!m.matches()) {
        throw new ConfigException(key, v, "a duration such as 7d, 12h, 30m, 45s or 500ms");
      }
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new ConfigException(key, v, "a duration such as 7d, 12h, 30m, 45s or 500ms");
      }
      String unit = m.group(2) == null ? "ms" : m.group(2);
      java.time.Duration d =
          switch (unit) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            case "d" -> java.time.Duration.ofDays(n);
            default -> java.time.Duration.ofMillis(n);
          };
      return d.toMillis();
    }

    Path path(String key) {
      String v = string(key, null);
      return v == null ? null : Path.of(v);
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
