package io.vigil.cli;

import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.InjectedAnomaly;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulationCsv;
import io.vigil.simulate.SimulatorSettings;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil simulate}. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates simulated fleet telemetry with labelled anomalies, to a Kafka topic or a CSV file.",
      "--duration is simulated time (one frame per device per second). CSV rows carry the labels:"
          + " anomaly (0/1) and anomaly_kind."
    })
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--devices", required = true, description = "Number of devices.")
  int devices;

  @Option(names = "--duration", required = true, description = "Simulated time span, e.g. 1h.")
  Duration duration;

  @Option(
      names = "--seed",
      required = true,
      description = "Seed: the same seed gives the same output.")
  long seed;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @ArgGroup(exclusive = false)
    KafkaTarget kafka;

    @Option(names = "--out", required = true, description = "Write CSV to this file.")
    Path out;
  }

  static final class KafkaTarget {
    @Option(
        names = "--bootstrap",
        required = true,
        description = "Kafka bootstrap servers, HOST:PORT.")
    String bootstrap;

    @Option(names = "--topic", required = true, description = "Topic to publish frames to.")
    String topic;

    @Option(
        names = "--format",
        defaultValue = "avro",
        description = "avro or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--speed",
        defaultValue = "0",
        description =
            "Pace relative to real time, e.g. 1 for real time, 60 for a minute per second; 0 sends as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;
  }

  @Override
  public Integer call() throws Exception {
    SimulatorSettings settings = SimulatorSettings.defaults(devices, seed);
    long steps = duration.toMillis() / settings.step().toMillis();
    if (steps < 1) {
      throw new IllegalArgumentException(
          "--duration "
              + duration
              + " is shorter than one simulated step ("
              + settings.step()
              + ")");
    }
    FleetSimulator fleet = new FleetSimulator(settings);
    long frames = target.out != null ? toCsv(fleet, steps) : toKafka(fleet, steps, target.kafka);
    long anomalies = fleet.injectedAnomalies().size();
    System.out.printf(
        Locale.ROOT,
        "simulate summary: frames=%d devices=%d steps=%d injected=%d%n",
        frames,
        devices,
        steps,
        anomalies);
    for (InjectedAnomaly a : fleet.injectedAnomalies()) {
      System.out.printf(
          Locale.ROOT, "  %s %s %s %s..%s%n", a.id(), a.kind(), a.channel(), a.start(), a.end());
    }
    return 0;
  }

  private long toCsv(FleetSimulator fleet, long steps) throws Exception {
    Path parent = target.out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    long frames = 0;
    try (Writer w = Files.newBufferedWriter(target.out, StandardCharsets.UTF_8)) {
      SimulationCsv csv = new SimulationCsv(w, FleetSimulator.channels());
      for (long k = 0; k < steps; k++) {
        for (SimulatedFrame f : fleet.nextStep()) {
          csv.write(f);
          frames++;
        }
      }
    }
    return frames;
  }

  private static long toKafka(FleetSimulator fleet, long steps, KafkaTarget kafka) {
    InputFormat format;
    try {
      format = InputFormat.valueOf(kafka.format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format " + kafka.format + " is invalid; expected avro or json");
    }
    if (kafka.speed < 0) {
      throw new IllegalArgumentException("--speed " + kafka.speed + " is invalid; expected >= 0");
    }
    Topic<String, TelemetryFrame> frames =
        TopicCatalogue.of(TopicNames.withPrefix(""), format).frames();
    Topic<String, TelemetryFrame> topic =
        new Topic<>(kafka.topic, frames.keySerde(), frames.valueSerde(), false);
    long stepNanos =
        kafka.speed == 0 ? 0 : Math.round(fleet.settings().step().toNanos() / kafka.speed);
    try (FramePublisher publisher = new FramePublisher(kafka.bootstrap, topic, Map.of())) {
      long start = System.nanoTime();
      for (long k = 0; k < steps; k++) {
        fleet.nextStep().forEach(publisher::send);
        long due = start + (k + 1) * stepNanos;
        while (stepNanos > 0 && System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
      }
      publisher.flush();
      return publisher.sent();
    }
  }
}
