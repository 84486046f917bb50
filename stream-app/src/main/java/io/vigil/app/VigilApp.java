package io.vigil.app;

import io.vigil.app.config.ConfigException;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.detect.DeviceSummaries;
import io.vigil.app.detect.ScoringModel;
import io.vigil.app.errors.ProcessingFailureHandler;
import io.vigil.app.metrics.MetricsServer;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.startup.KafkaPreflight;
import io.vigil.app.startup.StartupException;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.app.topology.VigilTopology;
import io.vigil.app.web.DashboardServer;
import io.vigil.app.web.LiveEvents;
import io.vigil.inference.InferenceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stream application: the model session, the metrics, and one {@link KafkaStreams} over
 * Vigil's topology. {@link #close()} leaves the consumer group, so that a restarted instance does
 * not wait out the session timeout, and closes the model after the streams.
 */
public final class VigilApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigilApp.class);

  /** The longest {@link #close()} waits for the stream threads to commit and leave the group. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final ScoringModel model;
  private final VigilMetrics metrics;
  private final MetricsServer metricsServer;
  private volatile DashboardServer dashboard;
  private final CountDownLatch running = new CountDownLatch(1);
  private final List<StateChange> stateChanges = new CopyOnWriteArrayList<>();

  /** One transition of the streams' state. */
  public record StateChange(KafkaStreams.State from, KafkaStreams.State to) {}

  private VigilApp(
      KafkaStreams streams, ScoringModel model, VigilMetrics metrics, MetricsServer metricsServer) {
    this.streams = streams;
    this.model = model;
    this.metrics = metrics;
    this.metricsServer = metricsServer;
  }

  /**
   * Runs the application from a properties file until the JVM is asked to stop, then closes it:
   * {@code java -cp ... io.vigil.app.VigilApp vigil.properties}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: io.vigil.app.VigilApp CONFIG.properties");
      System.exit(2);
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      props.load(in);
    }
    VigilConfig.Loaded loaded = VigilConfig.load(props, System.getenv());
    LOG.info("configuration (secrets masked):\n  {}", String.join("\n  ", loaded.describe()));
    VigilApp app = start(loaded.config(), Duration.ofMinutes(5));
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  closed.countDown();
                },
                "vigil-shutdown"));
    closed.await();
  }

  /** Starts the application and returns once it is RUNNING (or fails after {@code timeout}). */
  public static VigilApp start(VigilConfig config, Duration timeout)
      throws InterruptedException, IOException, ExecutionException {
    if (config.dashboard().port() == 0) {
      // A free port now: Kafka Streams must know it (application.server) before it starts.
      try (ServerSocket probe =
          new ServerSocket(0, 1, InetAddress.getByName(config.dashboard().host()))) {
        config = config.withDashboard(config.dashboard().withPort(probe.getLocalPort()));
      }
    }
    if (config.model() == null) {
      throw new ConfigException(
          "vigil.model.path", null, "the path of an ONNX model file (see the model contract)");
    }
    TopicCatalogue topics =
        TopicCatalogue.of(config.topics(), config.inputFormat(), config.outputs());
    // Local checks first: they answer at once, the cluster's may take the whole timeout.
    checkStateDir(config.stateDir());
    ScoringModel model = loadModel(config);
    Map<String, Integer> partitions;
    try {
      VigilTopology.checkOutputs(config.outputs(), model);
      partitions =
          KafkaPreflight.of(config)
              .check(
                  topics.all().stream().map(Topic::name).toList(),
                  KafkaPreflight.CREATE_TOPICS_HINT);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    VigilMetrics metrics = new VigilMetrics();
    metrics.provider(model.onnx().provider().name());
    LiveEvents feed = DashboardServer.newFeed();
    DeviceSummaries summaries = new DeviceSummaries();
    LOG.info(
        "model {} {} ({}, W={}, S={}, features {}) on provider {}",
        model.metadata().modelId(),
        model.metadata().modelVersion(),
        model.metadata().kind(),
        model.metadata().window(),
        model.metadata().stride(),
        model.featureList(),
        model.onnx().provider());
    KafkaStreams streams =
        new KafkaStreams(
            VigilTopology.build(
                topics,
                model,
                config.detection(),
                metrics,
                partitions.get(topics.frames().name()),
                Duration.ofMillis(config.dashboard().scoreRetentionMillis()),
                feed,
                summaries),
            streamsProperties(config, metrics));
    MetricsServer server =
        config.metricsPort() > 0 ? MetricsServer.start(metrics, config.metricsPort()) : null;
    VigilApp app = new VigilApp(streams, model, metrics, server);
    metrics.lagFrom(() -> inputLag(streams));
    streams.setStateListener(
        (now, before) -> {
          app.stateChanges.add(new StateChange(before, now));
          if (now == KafkaStreams.State.RUNNING) {
            app.running.countDown();
          }
          LOG.debug("stream state {} -> {}", before, now);
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream thread failed; replacing it", e);
          metrics.streamThreadReplaced();
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    if (!app.running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      app.close();
      throw new IllegalStateException(
          "stream application did not reach RUNNING within "
              + timeout
              + " (state "
              + streams.state()
              + ")");
    }
    if (config.dashboard().enabled()) {
      String token = config.dashboard().token();
      if (token == null) {
        token = DashboardServer.generateToken();
        // Printed once, on the console only: never logged.
        System.err.println(
            "vigil: dashboard changes need the bearer token "
                + token
                + " (generated at start; set vigil.http.token to choose one)");
      }
      try {
        app.dashboard =
            new DashboardServer(config, streams, model, metrics, feed, summaries, token);
      } catch (RuntimeException e) {
        app.close();
        throw new IllegalStateException(
            "the dashboard cannot listen on "
                + config.dashboard().host()
                + ":"
                + config.dashboard().port()
                + " (vigil.http.host, vigil.http.port; -1 turns it off): "
                + e.getMessage(),
            e);
      }
    }
    LOG.info(
        "stream application '{}' running against {} (processing {}){}",
        config.applicationId(),
        config.bootstrapServers(),
        config.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
        server == null ? "" : ", metrics on :" + server.port() + "/metrics");
    return app;
  }

  /**
   * The records this instance's stream threads have yet to consume: the per-partition {@code
   * records-lag} their main consumers report, summed over partitions (restore and global consumers
   * left out, their lag is not detection work). Kafka reports a topic whose name has periods twice,
   * once more with the periods replaced by underscores ({@code vigil.frames} and the deprecated
   * {@code vigil_frames}), which doubled the sum: each topic partition counts once, under the
   * underscore form. Kafka reports a partition's lag once it has fetched from it.
   */
  static double inputLag(KafkaStreams streams) {
    Map<String, Double> byPartition = new HashMap<>();
    for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
      MetricName name = m.getKey();
      String client = name.tags().getOrDefault("client-id", "");
      if (name.name().equals("records-lag")
          && name.group().equals("consumer-fetch-manager-metrics")
          && name.tags().containsKey("partition")
          && !client.endsWith("restore-consumer")
          && !client.endsWith("global-consumer")
          && m.getValue().metricValue() instanceof Double lag
          && Double.isFinite(lag)) {
        String topic = name.tags().getOrDefault("topic", "").replace('.', '_');
        byPartition.merge(topic + "-" + name.tags().get("partition"), lag, Math::max);
      }
    }
    double total = 0;
    for (double lag : byPartition.values()) {
      total += lag;
    }
    return total;
  }

  /** Fails with one line unless Kafka Streams can create its state under {@code dir}. */
  static void checkStateDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".vigil-write-check", ""));
    } catch (IOException e) {
      String reason =
          e instanceof FileSystemException f && f.getReason() != null
              ? f.getReason()
              : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      throw new StartupException(
          "vigil.state.dir " + dir + " is not a writable directory: " + reason, e);
    }
  }

  private static ScoringModel loadModel(VigilConfig config) {
    try {
      return ScoringModel.load(config.model(), config.inference(), config.detection());
    } catch (InferenceException e) {
      throw new StartupException(
          "vigil.model.path " + config.model() + " is not a usable model: " + e.getMessage(), e);
    }
  }

  /**
   * The Kafka Streams properties for {@code config}; a record whose processing throws is
   * dead-lettered by {@link ProcessingFailureHandler}, counted in {@code metrics}.
   */
  public static Properties streamsProperties(VigilConfig config, VigilMetrics metrics) {
    Properties p = new Properties();
    // A detection task reads up to four partitions (frames, readings and the two repartition
    // topics), most of them empty in most deployments. With the default idle time of 0 Kafka
    // Streams checks, before every record, whether each empty partition has data still to fetch,
    // and formats a log message for each even when that level is off: about a tenth of the stream
    // thread's time in a profile of `vigil bench`. Order across those topics does not matter to
    // detection (a device's frames come through one of them at a time, and the assembler reorders
    // within the
    // grace), so the task processes whatever is buffered. kafka.max.task.idle.ms overrides it.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.putAll(config.kafka());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        config.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMillis());
    if (config.dashboard().enabled()) {
      // Where other instances ask for the devices this one holds (interactive queries).
      p.put(
          StreamsConfig.APPLICATION_SERVER_CONFIG,
          config.dashboard().reachableHost() + ":" + config.dashboard().port());
    }
    // Objects, not strings: Kafka keeps them in the originals that the handler's configure gets.
    p.putAll(
        ProcessingFailureHandler.streamsProperties(config.topics().deadLetterTopic(), metrics));
    return p;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public VigilMetrics metrics() {
    return metrics;
  }

  /**
   * Returns how this instance's commits went so far (see {@link CommitStats}).
   *
   * @return the figures
   */
  public CommitStats commitStats() {
    return CommitStats.of(streams.metrics());
  }

  /** Every state transition since the streams were started, in order. */
  public List<StateChange> stateChanges() {
    return List.copyOf(stateChanges);
  }

  public ScoringModel model() {
    return model;
  }

  /**
   * Returns the dashboard's server.
   *
   * @return the server, or null when {@code vigil.http.port} is -1
   */
  public DashboardServer dashboard() {
    return dashboard;
  }

  @Override
  public void close() {
    DashboardServer d = dashboard;
    if (d != null) {
      d.close();
    }
    try {
      boolean closed =
          streams.close(
              CloseOptions.groupMembershipOperation(
                      CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                  .withTimeout(CLOSE_TIMEOUT));
      if (!closed) {
        LOG.warn(
            "the stream application did not close within {} (state {})",
            CLOSE_TIMEOUT,
            streams.state());
      }
    } finally {
      if (metricsServer != null) {
        metricsServer.close();
      }
      model.close();
    }
  }
}
