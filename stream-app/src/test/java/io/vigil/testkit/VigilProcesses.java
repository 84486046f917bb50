package io.vigil.testkit;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The stream application in a JVM of its own, for tests that kill it. */
public final class VigilProcesses {
  private VigilProcesses() {}

  /**
   * Starts {@link VigilApp#main} in a new JVM on this test's class path, with the broker, topics,
   * model and commit interval of {@code config}, its own state directory, a free dashboard port and
   * {@code more} on top. Its output goes to {@code dir/NAME.log}.
   *
   * @param config the run's configuration
   * @param stateDir the instance's state directory
   * @param dir where the properties file and the log go
   * @param name the instance's name (file names)
   * @param more further {@code vigil.*} or {@code kafka.*} properties
   * @return the process
   */
  public static Process start(
      VigilConfig config, Path stateDir, Path dir, String name, Map<String, String> more)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("vigil.bootstrap.servers", config.bootstrapServers());
    p.setProperty("vigil.application.id", config.applicationId());
    p.setProperty("vigil.topic.prefix", config.topics().prefix());
    p.setProperty("vigil.state.dir", stateDir.toString());
    p.setProperty("vigil.model.path", config.model().toString());
    p.setProperty("vigil.commit.interval.ms", Long.toString(config.commitIntervalMillis()));
    p.setProperty("vigil.http.port", "0");
    p.putAll(more);
    Path file = dir.resolve(name + ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, name);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            VigilApp.class.getName(),
            file.toString());
    pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log(dir, name).toFile());
    return pb.start();
  }

  /** The log file of the instance {@code name}. */
  public static Path log(Path dir, String name) {
    return dir.resolve(name + ".log");
  }
}
