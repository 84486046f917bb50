package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of the container images and the compose stack without a Docker engine: every
 * path the Dockerfiles copy exists once {@code mvn package} has run (this test runs after it), and
 * the compose file passes {@code docker compose config}. The images themselves are not built here.
 */
class DeploymentFilesIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code COPY [--from=build] SOURCE... DEST}: the sources. */
  private static final Pattern COPY = Pattern.compile("^COPY\\s+(--from=(\\S+)\\s+)?(.+)\\s+\\S+$");

  @ParameterizedTest
  @ValueSource(strings = {"docker/Dockerfile", "docker/Dockerfile.cuda"})
  void everyPathADockerfileCopiesExistsAfterThePackageBuild(String dockerfile) throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve(dockerfile))) {
      Matcher m = COPY.matcher(line.trim());
      if (!m.matches() || m.group(3).equals(". .")) {
        continue;
      }
      for (String source : m.group(3).trim().split("\\s+")) {
        // The build stage works in /src, a copy of the repository built with `mvn package`.
        sources.add(ROOT.resolve(m.group(2) != null ? source.replaceFirst("^/src/", "") : source));
      }
    }
    assertThat(sources).as("COPY lines of %s", dockerfile).hasSizeGreaterThanOrEqualTo(4);
    for (Path source : sources) {
      assertThat(source).as("copied by %s", dockerfile).exists();
      if (Files.isDirectory(source)) {
        try (var files = Files.list(source)) {
          assertThat(files.count()).as("files in %s", source).isPositive();
        }
      }
    }
    assertThat(ROOT.resolve("cli/target/lib"))
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith("vigil-stream-app"));
    assertThat(Files.isExecutable(ROOT.resolve("docker/vigil/vigil.sh"))).isTrue();
    assertThat(Files.isExecutable(ROOT.resolve("docker/vigil/healthcheck.sh"))).isTrue();
  }

  @Test
  void theComposeFilePassesDockerComposeConfig() throws Exception {
    List<String> command = composeCommand();
    assumeTrue(
        command != null,
        "compose check skipped: neither `docker compose` nor `docker-compose` is installed"
            + " (sudo apt-get install docker-compose)");
    for (String profiles : List.of("cpu,demo", "gpu")) {
      List<String> full = new ArrayList<>(command);
      full.addAll(List.of("-f", ROOT.resolve("docker/compose.yaml").toString(), "config"));
      ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
      pb.environment().put("COMPOSE_PROFILES", profiles);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("kafka:", "prometheus:", "grafana:", "model:");
      assertThat(out)
          .contains(profiles.startsWith("gpu") ? "Dockerfile.cuda" : "docker/Dockerfile");
    }
  }

  /**
   * {@code docker compose} (the plugin) where it answers, else {@code docker-compose}, else null.
   */
  private static List<String> composeCommand() throws InterruptedException {
    for (List<String> candidate :
        List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> version = new ArrayList<>(candidate);
      version.add("version");
      try {
        Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed: try the next
      }
    }
    return null;
  }
}
