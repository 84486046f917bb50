package io.vigil.cli;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil broker}. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the embedded single-node Kafka broker (KRaft, loopback only) until Ctrl-C.",
      "Developer build only: the container image leaves the embedded broker out."
    })
final class BrokerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Listener port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "vigil-work/broker",
      description =
          "Log and metadata directory; an existing one is reused (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    DeveloperModule.EMBEDDED_BROKER.require("broker");
    return WithBroker.run(port, dataDir);
  }

  /**
   * The code that touches the embedded broker's classes, loaded only after the check above: a build
   * without the broker never resolves them.
   */
  private static final class WithBroker {
    static int run(int port, Path dataDir) throws InterruptedException {
      Shutdown shutdown = Shutdown.onCtrlC();
      try (EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.start(BrokerSettings.defaults(dataDir).withPort(port))) {
        System.out.println(
            "vigil broker: listening on "
                + broker.bootstrapServers()
                + ", data in "
                + broker.dataDir());
        shutdown.stopRequested().await();
        System.out.println("vigil broker: stopping");
      } finally {
        shutdown.done();
      }
      return 0;
    }
  }
}
