package io.vigil.cli;

import io.vigil.demo.DemoOptions;
import io.vigil.demo.DemoRunner;
import io.vigil.demo.DemoSummary;
import io.vigil.model.linear.SimulatedFleetModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs everything on this machine: an embedded Kafka broker, a simulated fleet publishing"
          + " telemetry, and the stream application, with a live console view.",
      "Ends after --duration (or on Ctrl-C) with one 'demo summary:' line.",
      "Developer build only: the container image leaves the demo and the embedded broker out."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--duration",
      description = "How long to run, e.g. 45s, 10m (default: until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--seed",
      defaultValue = "11",
      description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--devices",
      defaultValue = "8",
      description = "Simulated devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--work-dir",
      defaultValue = "vigil-work",
      description =
          "Broker data and application state; a restarted demo continues from it (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Simulated frames per device per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--bad-record-every",
      defaultValue = "2000",
      description =
          "Send one malformed record per this many frames to show dead-lettering; 0 for none (default: ${DEFAULT-VALUE}).")
  int badRecordEvery;

  @Option(
      names = "--model",
      description =
          "ONNX model to score with (default: a linear autoencoder fitted on the simulator's normal"
              + " data, written under the work dir on first use).")
  Path model;

  @Option(
      names = "--match-tolerance",
      defaultValue = "32s",
      description =
          "An episode opening this long after an injected anomaly ends still counts as its"
              + " detection (default: ${DEFAULT-VALUE}, one window).")
  Duration matchTolerance;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description =
          "The dashboard's port on 127.0.0.1; 0 for any free port, -1 for none (default:"
              + " ${DEFAULT-VALUE}).")
  int httpPort;

  /**
   * The demo's own model: fitted once per work dir, in a few seconds. The file name changes with
   * the model's settings, so a work dir from an older build gets the current model.
   */
  static Path demoModel(Path workDir) throws IOException {
    Path file = workDir.resolve("models").resolve(SimulatedFleetModels.DEMO_FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      System.out.println(
          "vigil demo: fitting the demo model (linear autoencoder on simulated normal data) -> "
              + file);
      SimulatedFleetModels.demo(file);
    }
    return file;
  }

  @Override
  public Integer call() throws Exception {
    DeveloperModule.DEMO.require("demo");
    DeveloperModule.EMBEDDED_BROKER.require("demo");
    return WithDemo.run(this);
  }

  /**
   * Everything that touches the demo module's classes, in a class of its own: the JVM loads it only
   * here, after the check above, so a build without the demo never resolves them.
   */
  private static final class WithDemo {
    static int run(DemoCommand command) throws Exception {
      Path modelFile = command.model != null ? command.model : demoModel(command.workDir);
      DemoOptions options =
          new DemoOptions(
              command.duration,
              command.seed,
              command.devices,
              command.workDir,
              command.rate,
              2,
              command.badRecordEvery,
              modelFile,
              command.matchTolerance,
              command.httpPort);
      Shutdown shutdown = Shutdown.onCtrlC();
      try {
        DemoSummary summary = new DemoRunner(options, System.out).run(shutdown.stopRequested());
        System.out.println(summary.line());
        return 0;
      } finally {
        shutdown.done();
      }
    }
  }
}
