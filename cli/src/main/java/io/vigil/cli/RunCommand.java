package io.vigil.cli;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.startup.KafkaPreflight;
import io.vigil.app.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil run}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the stream application against a Kafka cluster until Ctrl-C or SIGTERM, then closes"
          + " it (outputs committed, consumer group left) and exits 0.",
      "Settings: the --config properties file (vigil.* keys, see the README's table; kafka.*"
          + " keys go to every Kafka client and to Kafka Streams without the prefix, e.g."
          + " kafka.security.protocol=SASL_SSL). An environment variable overrides a key: the key"
          + " upper-cased with '.' and '-' as '_' (vigil.detection.grace.ms ->"
          + " VIGIL_DETECTION_GRACE_MS), a Kafka key with VIGIL_ in front (kafka.sasl.jaas.config"
          + " -> VIGIL_KAFKA_SASL_JAAS_CONFIG). Unknown vigil.* keys and VIGIL_* variables are"
          + " refused.",
      "At start it prints the effective configuration (secrets masked) and checks the state"
          + " directory, the model and the cluster (reachable, credentials accepted, topics"
          + " present): a failure ends with one line and exit status 1 within"
          + " vigil.startup.timeout (10s)."
    })
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = "--config",
      required = true,
      description = "Properties file: vigil.* and kafka.* keys (see README).")
  Path config;

  @Option(
      names = "--create-topics",
      description =
          "Create Vigil's topics that do not exist yet, with --partitions partitions each.")
  boolean createTopics;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description = "Partitions for --create-topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication",
      defaultValue = "3",
      description = "Replication factor for --create-topics (default: ${DEFAULT-VALUE}).")
  short replication;

  @Override
  public Integer call() throws Exception {
    VigilConfig.Loaded loaded = ConfigFiles.loadWithSources(config);
    VigilConfig vigil = loaded.config();
    LOG.info(
        "configuration from {} and the environment (secrets masked):\n  {}",
        config,
        String.join("\n  ", loaded.describe()));
    if (createTopics) {
      KafkaPreflight.of(vigil).check(List.of(), null);
      Map<String, Object> admin = new HashMap<>(vigil.kafka());
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, vigil.bootstrapServers());
      try (Admin a = Admin.create(admin)) {
        TopicCatalogue.of(vigil.topics(), vigil.inputFormat(), vigil.outputs())
            .createMissing(a, partitions, replication);
      }
    }
    Shutdown shutdown = Shutdown.onCtrlC();
    boolean clean = false;
    try {
      VigilApp app = VigilApp.start(vigil, Duration.ofMinutes(5));
      try {
        shutdown.stopRequested().await();
        System.err.println("vigil run: stopping (application " + app.state() + ")");
      } finally {
        long stopping = System.nanoTime();
        app.close();
        System.err.printf(
            Locale.ROOT,
            "vigil run: stopped in %d ms (application %s; frames=%.0f scores=%.0f)%n",
            (System.nanoTime() - stopping) / 1_000_000,
            app.state(),
            app.metrics().frameCount(),
            app.metrics().scoresEmittedCount());
      }
      clean = app.state() == KafkaStreams.State.NOT_RUNNING;
    } finally {
      shutdown.done(clean);
    }
    return 0;
  }
}
