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
 * @param outputs the optional per-window outputs (denoised windows, embeddings)
 * @param metricsPort port of the Prometheus endpoint on all interfaces; 0 turns it off
 * @param kafka extra Kafka client properties
 * @param dashboard the dashboard and HTTP API
 * @param startupTimeoutMillis how long start-up waits for the cluster to answer (and accept the
 *     credentials) before it fails
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
    OutputSettings outputs,
    int metricsPort,
    Map<String, String> kafka,
    DashboardSettings dashboard,
    long startupTimeoutMillis) {

  public static final String PREFIX = "vigil.";
  public static final String KAFKA_PREFIX = "kafka.";

  /**
   * How long start-up waits for the cluster's answers by default ({@code vigil.startup.timeout}).
   */
  public static final long DEFAULT_STARTUP_TIMEOUT_MILLIS = 10_000;

  /**
   * Kafka settings that Vigil sets from its own keys; a {@code kafka.*} key for one of them is
   * refused, naming the {@code vigil.*} key to use.
   */
  static final Map<String, String> OWNED_KAFKA_KEYS =
      Map.of(
          "bootstrap.servers", "vigil.bootstrap.servers",
          "application.id", "vigil.application.id",
          "state.dir", "vigil.state.dir",
          "processing.guarantee", "vigil.processing.guarantee",
          "commit.interval.ms", "vigil.commit.interval.ms",
          "application.server", "vigil.http.advertised-host and vigil.http.port");

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
    for (String key : kafka.keySet()) {
      if (OWNED_KAFKA_KEYS.containsKey(key)) {
        throw new ConfigException(
            KAFKA_PREFIX + key, Secrets.mask(key, kafka.get(key)), OWNED_KAFKA_KEYS.get(key));
      }
    }
    if (outputs == null) {
      outputs = OutputSettings.NONE;
    }
    if (dashboard == null) {
      throw new ConfigException("vigil.http.*", null, "dashboard settings");
    }
    if (startupTimeoutMillis < 100) {
      throw new ConfigException(
          "vigil.startup.timeout", startupTimeoutMillis + " ms", "at least 100ms (e.g. 10s)");
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
   * unseen). The environment is not consulted; see {@link #load}.
   */
  public static VigilConfig fromProperties(Properties props) {
    return load(props, Map.of()).config();
  }

  /**
   * Reads and validates {@code props} with the environment's overrides: a variable named after a
   * key (see {@link EnvironmentNames}) replaces the file's value. An unknown {@code vigil.*} key or
   * {@code VIGIL_*} variable is an error that suggests the nearest known key.
   *
   * @param props the file's settings
   * @param env the environment
   * @return the configuration and the effective value of every setting
   */
  public static Loaded load(Properties props, Map<String, String> env) {
    Map<String, String> vigil = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    Map<String, String> sources = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      String value = props.getProperty(key).trim();
      if (key.startsWith(PREFIX)) {
        vigil.put(key, value);
      } else if (key.startsWith(KAFKA_PREFIX)) {
        kafka.put(key.substring(KAFKA_PREFIX.length()), value);
        sources.put(key, "file");
      } else {
        throw new ConfigException(key, value, "a key starting with 'vigil.' or 'kafka.'");
      }
    }
    EnvironmentNames.kafkaOverrides(env)
        .forEach(
            (key, variable) -> {
              kafka.put(key.substring(KAFKA_PREFIX.length()), env.get(variable).trim());
              sources.put(key, "env " + variable);
            });
    Reader r = new Reader(vigil, env);
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
            OutputSettings.read(r),
            (int) r.longValue("vigil.metrics.port", 0),
            kafka,
            DashboardSettings.read(r),
            r.durationMillis("vigil.startup.timeout", DEFAULT_STARTUP_TIMEOUT_MILLIS));
    r.rejectUnknown();
    Map<String, String> effective = new TreeMap<>(r.effective);
    kafka.forEach((key, value) -> effective.put(KAFKA_PREFIX + key, value));
    sources.putAll(r.sources);
    return new Loaded(config, effective, sources);
  }

  /**
   * A configuration with what each setting came to and where it came from.
   *
   * @param config the validated configuration
   * @param effective every key with its value (defaults included, as written in the README)
   * @param sources where each key that was not left at its default came from: {@code file} or
   *     {@code env NAME}
   */
  public record Loaded(
      VigilConfig config, Map<String, String> effective, Map<String, String> sources) {
    public Loaded {
      effective = Map.copyOf(effective);
      sources = Map.copyOf(sources);
    }

    /**
     * The effective configuration, one {@code key = value} line per setting in key order, secrets
     * masked, each value not at its default followed by where it came from.
     *
     * @return the lines
     */
    public java.util.List<String> describe() {
      return new TreeMap<>(effective)
          .entrySet().stream()
              .map(
                  e ->
                      e.getKey()
                          + " = "
                          + shown(e.getKey(), e.getValue())
                          + (sources.containsKey(e.getKey())
                              ? "  (" + sources.get(e.getKey()) + ")"
                              : ""))
              .toList();
    }

    private static String shown(String key, String value) {
      return value.isEmpty() ? "(none)" : Secrets.mask(key, value);
    }
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
        outputs,
        metricsPort,
        kafka,
        newDashboard,
        startupTimeoutMillis);
  }

  @Override
  public String toString() {
    // Kafka settings carry credentials (sasl.jaas.config, ssl.*.password): masked here, so that
    // logging a configuration never logs a secret.
    Map<String, String> masked = new TreeMap<>();
    kafka.forEach((k, v) -> masked.put(k, Secrets.mask(k, v)));
    return "VigilConfig[bootstrapServers="
        + bootstrapServers
        + ", applicationId="
        + applicationId
        + ", topics="
        + topics
        + ", inputFormat="
        + inputFormat
        + ", stateDir="
        + stateDir
        + ", exactlyOnce="
        + exactlyOnce
        + ", commitIntervalMillis="
        + commitIntervalMillis
        + ", model="
        + model
        + ", inference="
        + inference
        + ", detection="
        + detection
        + ", outputs="
        + outputs
        + ", metricsPort="
        + metricsPort
        + ", kafka="
        + masked
        + ", dashboard="
        + dashboard
        + ", startupTimeoutMillis="
        + startupTimeoutMillis
        + "]";
  }

  /** Properties from alternating keys and values, for building a configuration in code. */
  public static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  /**
   * Reads typed values, the environment's before the file's, and remembers which keys it used, what
   * each came to and where it came from.
   */
  static final class Reader {
    private final Map<String, String> values;
    private final Map<String, String> env;
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private final Map<String, String> effective = new TreeMap<>();
    private final Map<String, String> sources = new TreeMap<>();

    Reader(Map<String, String> values, Map<String, String> env) {
      this.values = values;
      this.env = env;
    }

    String string(String key, String fallback) {
      used.add(key);
      String variable = EnvironmentNames.of(key);
      String v;
      if (env.containsKey(variable)) {
        v = env.get(variable).trim();
        sources.put(key, "env " + variable);
      } else {
        v = values.get(key);
        if (v != null) {
          sources.put(key, "file");
        }
      }
      String result = v == null || v.isEmpty() ? fallback : v;
      effective.put(key, result == null ? "" : result);
      return result;
    }

    /** Records the default shown for a typed key read as absent. */
    private void shown(String key, Object fallback) {
      effective.put(key, String.valueOf(fallback));
    }

    long longValue(String key, long fallback) {
      String v = string(key, null);
      if (v == null) {
        shown(key, fallback);
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
        shown(key, fallback);
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
        shown(key, fallback + "ms");
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
        shown(key, fallback.name().toLowerCase(Locale.ROOT).replace('_', '-'));
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

    boolean flag(String key, boolean fallback) {
      String v = string(key, null);
      if (v == null) {
        shown(key, fallback);
        return fallback;
      }
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new ConfigException(key, v, "true or false");
      };
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
          throw ConfigException.unknownKey(key, EnvironmentNames.nearest(key, used));
        }
      }
      java.util.Set<String> variables = new java.util.HashSet<>();
      used.forEach(key -> variables.add(EnvironmentNames.of(key)));
      for (String variable : new TreeMap<>(env).keySet()) {
        if (EnvironmentNames.isVigilSetting(variable) && !variables.contains(variable)) {
          throw ConfigException.unknownVariable(
              variable, EnvironmentNames.nearest(variable, variables));
        }
      }
    }
  }
}
