package io.vigil.app;

import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.app.topology.VigilTopology;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stream application: one {@link KafkaStreams} over Vigil's topology. {@link #close()}
 * leaves the consumer group, so that a restarted instance does not wait out the session timeout.
 */
public final class VigilApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigilApp.class);

  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);

  private VigilApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Starts the application and returns once it is RUNNING (or fails after {@code timeout}). */
  public static VigilApp start(VigilConfig config, Duration timeout) throws InterruptedException {
    TopicCatalogue topics = TopicCatalogue.of(config.topics(), config.inputFormat());
    KafkaStreams streams = new KafkaStreams(VigilTopology.build(topics), streamsProperties(config));
    VigilApp app = new VigilApp(streams);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            app.running.countDown();
          }
          LOG.debug("stream state {} -> {}", before, now);
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("stream thread failed; replacing it", e);
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
    LOG.info(
        "stream application '{}' running against {} (processing {})",
        config.applicationId(),
        config.bootstrapServers(),
        config.exactlyOnce() ? "exactly_once_v2" : "at_least_once");
    return app;
  }

  /** The Kafka Streams properties for {@code config}. */
  public static Properties streamsProperties(VigilConfig config) {
    Properties p = new Properties();
    p.putAll(config.kafka());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    p.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        config.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMillis());
    return p;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }
}
