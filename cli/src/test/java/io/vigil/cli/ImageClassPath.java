package io.vigil.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class path of the container image, exactly as {@code docker/vigil/vigil.sh} puts it together
 * from what the Dockerfiles copy: {@code cli/target/vigil-cli.jar} and {@code cli/target/lib/*}.
 * Integration tests run after {@code package}, so both exist; a test that starts {@code vigil} on
 * this class path shows what the image can and cannot do.
 */
final class ImageClassPath {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = ROOT.resolve("cli/target/vigil-cli.jar");
  static final Path LIB = ROOT.resolve("cli/target/lib");

  private ImageClassPath() {}

  /** The {@code -cp} argument: the jar and every jar in the lib folder (the JVM's wildcard). */
  static String classPath() {
    return JAR + File.pathSeparator + LIB.resolve("*");
  }

  /**
   * A {@code vigil} command in a new JVM on the image's class path, with the image's environment.
   *
   * @param args the arguments after {@code vigil}
   */
  static ProcessBuilder vigil(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    command.add(classPath());
    command.add(Vigil.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
    pb.environment().put("OPT_OUT_TRACKING", "true");
    return pb;
  }

  /** What a finished command printed (standard output and error together) and its exit status. */
  record Result(int exitCode, String output) {}

  /**
   * Runs a command to its end.
   *
   * @param dir the working directory
   * @param args the arguments after {@code vigil}
   */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "vigil-", ".log");
    Process p = vigil(args).directory(dir.toFile()).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (!ended) {
      throw new AssertionError("vigil " + String.join(" ", args) + " did not end: " + output);
    }
    return new Result(p.exitValue(), output);
  }

  /** The jars in the lib folder, by file name. */
  static List<Path> libJars() throws IOException {
    try (var files = Files.list(LIB)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }
}
