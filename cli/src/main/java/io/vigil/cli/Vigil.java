package io.vigil.cli;

import io.vigil.app.startup.StartupException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Vigil: a streaming sensor anomaly monitor on Kafka Streams and ONNX Runtime.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      BrokerCommand.class,
      SimulateCommand.class,
      TrainCommand.class,
      BacktestCommand.class,
      ReplayCommand.class,
      ValidateModelCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Vigil implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests execute it directly. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Vigil());
    cl.registerConverter(java.time.Duration.class, new DurationConverter());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof StartupException) {
            // A start-up check failed (cluster, credentials, topic, state dir, model): one line.
            err.println("vigil " + commandLine.getCommandName() + ": " + e.getMessage());
            if (Boolean.getBoolean("vigil.debug")) {
              e.printStackTrace(err);
            }
            return CommandLine.ExitCode.SOFTWARE;
          }
          if (e instanceof IllegalArgumentException) {
            // Settings refused after parsing (a bad config file, an out-of-range option).
            err.println("vigil " + commandLine.getCommandName() + ": " + e.getMessage());
            err.println("Try 'vigil " + commandLine.getCommandName() + " --help' for usage.");
            return CommandLine.ExitCode.USAGE;
          }
          err.println("vigil " + commandLine.getCommandName() + " failed: " + e);
          if (Boolean.getBoolean("vigil.debug")) {
            e.printStackTrace(err);
          }
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
