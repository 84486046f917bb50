package io.vigil.cli;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil run}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs the stream application against a Kafka cluster until Ctrl-C.")
final class RunCommand implements Callable<Integer> {
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
    VigilConfig vigil = ConfigFiles.load(config);
    if (createTopics) {
      Map<String, Object> admin = new HashMap<>(vigil.kafka());
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, vigil.bootstrapServers());
      try (Admin a = Admin.create(admin)) {
        TopicCatalogue.of(vigil.topics(), vigil.inputFormat())
            .createMissing(a, partitions, replication);
      }
    }
    Shutdown shutdown = Shutdown.onCtrlC();
    try (VigilApp app = VigilApp.start(vigil, Duration.ofMinutes(5))) {
      shutdown.stopRequested().await();
      System.err.println("vigil run: stopping (application " + app.state() + ")");
    } finally {
      shutdown.done();
    }
    return 0;
  }
}
