package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.linear.SimulatedFleetModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container image's class path ({@link ImageClassPath}): it carries neither the embedded broker
 * nor the demo, and none of Kafka's broker-side or Scala classes; the production commands run from
 * it; the developer's commands answer with one line saying the image leaves them out. ({@code vigil
 * run} itself runs on this class path in {@link RunSigtermIT}.)
 */
class ImageClassPathIT {
  /** Class-file prefixes only the embedded broker and the demo bring. */
  private static final List<String> LEFT_OUT =
      List.of(
          "kafka/", // the broker's Scala packages: kafka.server, kafka.log, kafka.raft, ...
          "org/apache/kafka/raft/",
          "org/apache/kafka/metadata/",
          "org/apache/kafka/controller/",
          "org/apache/kafka/image/",
          "org/apache/kafka/storage/",
          "scala/",
          "io/vigil/broker/",
          "io/vigil/demo/");

  @TempDir Path dir;

  @Test
  void carriesNoBrokerDemoKafkaServerOrScalaClass() throws IOException {
    List<Path> jars = new ArrayList<>(ImageClassPath.libJars());
    jars.add(ImageClassPath.JAR);
    List<String> found = new ArrayList<>();
    long bytes = 0;
    for (Path jar : jars) {
      bytes += Files.size(jar);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        zip.stream()
            .map(ZipEntry::getName)
            .filter(name -> name.endsWith(".class"))
            .filter(name -> LEFT_OUT.stream().anyMatch(name::startsWith))
            .limit(3)
            .forEach(name -> found.add(jar.getFileName() + "!" + name));
      }
    }
    assertThat(found).as("broker, demo, Kafka server or Scala classes in the image").isEmpty();

    List<String> names = jars.stream().map(j -> j.getFileName().toString()).toList();
    for (String needed :
        List.of(
            "vigil-stream-app-",
            "vigil-model-tools-",
            "vigil-bench-",
            "kafka-streams-",
            "kafka-clients-",
            "onnxruntime")) {
      assertThat(names).as("the image's jars").anyMatch(n -> n.startsWith(needed));
    }
    for (String leftOut :
        List.of("vigil-demo-", "vigil-embedded-broker-", "kafka_2.13-", "kafka-raft-", "scala-")) {
      assertThat(names).as("the image's jars").noneMatch(n -> n.startsWith(leftOut));
    }
    // The figures the README quotes.
    System.out.printf(
        Locale.ROOT,
        "ImageClassPathIT: %d jars in cli/target/lib, %d bytes with vigil-cli.jar%n",
        jars.size() - 1,
        bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--version",
        "run --help",
        "replay --help",
        "backtest --help",
        "train --help",
        "simulate --help",
        "validate-model --help",
        "evaluate --help",
        "bench jmh --help",
        "demo --help",
        "broker --help"
      })
  void everyCommandStartsFromIt(String args) throws Exception {
    ImageClassPath.Result r = ImageClassPath.run(dir, args.split(" "));

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .startsWith(args.equals("--version") ? "vigil " : "Usage: vigil " + args.split(" ")[0])
        .doesNotContain("Exception", "Error");
  }

  @Test
  void simulateAndBacktestRunFromIt() throws Exception {
    Path sim = dir.resolve("sim.csv");
    ImageClassPath.Result simulate =
        ImageClassPath.run(
            dir,
            "simulate",
            "--devices",
            "2",
            "--duration",
            "20m",
            "--seed",
            "3",
            "--out",
            sim.toString());
    assertThat(simulate.exitCode()).as(simulate.output()).isZero();
    Path model = dir.resolve("model.onnx");
    SimulatedFleetModels.pca(model, 42, 8, 2, 4);

    ImageClassPath.Result backtest =
        ImageClassPath.run(
            dir,
            "backtest",
            "--data",
            sim.toString(),
            "--model",
            model.toString(),
            "--out",
            dir.resolve("result").toString());

    assertThat(backtest.exitCode()).as(backtest.output()).isZero();
    assertThat(backtest.output().lines().toList()).last().asString().startsWith("backtest frames=");
  }

  @Test
  void demoSaysInOneLineThatTheImageLeavesItOut() throws Exception {
    Path workDir = dir.resolve("demo-work");

    ImageClassPath.Result r =
        ImageClassPath.run(dir, "demo", "--duration", "5s", "--work-dir", workDir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo("vigil demo: " + DeveloperModule.DEMO.missing("demo") + System.lineSeparator());
    assertThat(workDir).as("nothing written before the check").doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"broker", "bench"})
  void commandsOnTheEmbeddedBrokerSayInOneLineThatTheImageLeavesItOut(String command)
      throws Exception {
    Path workDir = dir.resolve(command + "-work");
    String option = command.equals("broker") ? "--data-dir" : "--work-dir";

    ImageClassPath.Result r = ImageClassPath.run(dir, command, option, workDir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo(
            "vigil "
                + command
                + ": "
                + DeveloperModule.EMBEDDED_BROKER.missing(command)
                + System.lineSeparator());
    assertThat(workDir).as("nothing written before the check").doesNotExist();
  }
}
