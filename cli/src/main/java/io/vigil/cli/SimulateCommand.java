package io.vigil.cli;

import io.vigil.app.config.InputFormat;
import io.vigil.app.config.TopicNames;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.startup.KafkaPreflight;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.InjectedAnomaly;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulationCsv;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.simulate.UnivariateAnomaly;
import io.vigil.simulate.UnivariateCsv;
import io.vigil.simulate.UnivariateEvent;
import io.vigil.simulate.UnivariateProfile;
import io.vigil.simulate.UnivariateRow;
import io.vigil.simulate.UnivariateSettings;
import io.vigil.simulate.UnivariateSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil simulate}. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates simulated data with labelled anomalies, to a Kafka topic or a CSV file.",
      "--mode fleet (the default): pumps with 4 channels, one frame per device per second; CSV"
          + " device_id,timestamp,pressure,flow,current,temperature,anomaly,anomaly_kind.",
      "--mode univariate: one value per device per --step (default 5m), shaped like public"
          + " univariate benchmark files: daily and weekly seasonality, trend, level changes, flat"
          + " stretches, pauses (missing rows) and duplicate timestamps, all normal, and labelled"
          + " spikes, dips, level shifts, noise bursts and days without their daily pattern; CSV"
          + " only (--out), device_id,timestamp,value,anomaly,anomaly_kind.",
      "--duration is simulated time. CSV rows carry the labels: anomaly (0/1) and anomaly_kind."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** What to simulate. */
  enum Mode {
    FLEET,
    UNIVARIATE;

    static Mode parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--mode "
                + value
                + " is invalid; expected one of "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
      }
    }
  }

  @Option(
      names = "--mode",
      defaultValue = "fleet",
      description = "fleet or univariate (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--step",
      description =
          "Time between two rows of a device, at most 1h; --mode univariate only (default 5m).")
  Duration step;

  @Option(names = "--devices", required = true, description = "Number of devices.")
  int devices;

  @Option(names = "--duration", required = true, description = "Simulated time span, e.g. 1h.")
  Duration duration;

  @Option(
      names = "--seed",
      required = true,
      description = "Seed: the same seed gives the same output.")
  long seed;

  @Option(
      names = "--start",
      description =
          "Event time of the first step: an ISO-8601 instant, or 'now' (for a live feed at --speed"
              + " 1, whose records then carry current times); --mode fleet only (default:"
              + " 2026-01-01T00:00:00Z).")
  String start;

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
        description = "Kafka bootstrap servers, HOST:PORT (--mode fleet only).")
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
    if (Mode.parse(mode) == Mode.UNIVARIATE) {
      if (start != null) {
        throw new IllegalArgumentException("--start applies to --mode fleet only");
      }
      return univariate();
    }
    if (step != null) {
      throw new IllegalArgumentException(
          "--step applies to --mode univariate only; the fleet's step is one second");
    }
    SimulatorSettings settings = SimulatorSettings.defaults(devices, seed);
    if (start != null) {
      settings = settings.withStart(startInstant(start));
    }
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
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "simulate summary: frames=%d devices=%d steps=%d injected=%d%n",
        frames,
        devices,
        steps,
        anomalies);
    for (InjectedAnomaly a : fleet.injectedAnomalies()) {
      out.printf(
          Locale.ROOT, "  %s %s %s %s..%s%n", a.id(), a.kind(), a.channel(), a.start(), a.end());
    }
    out.flush();
    return 0;
  }

  /** The first step's time: 'now' (to the second), or an ISO-8601 instant. */
  private static Instant startInstant(String value) {
    if (value.trim().equalsIgnoreCase("now")) {
      return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start "
              + value
              + " is invalid; expected 'now' or an ISO-8601 instant such as"
              + " 2026-01-01T00:00:00Z");
    }
  }

  private Integer univariate() throws Exception {
    if (target.out == null) {
      throw new IllegalArgumentException(
          "--mode univariate writes CSV only: give --out FILE.csv instead of --bootstrap/--topic");
    }
    UnivariateSettings settings = UnivariateSettings.defaults(devices, seed);
    if (step != null) {
      try {
        settings = settings.withStep(step);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--step: " + e.getMessage(), e);
      }
    }
    long steps = duration.toMillis() / settings.step().toMillis();
    if (steps < 1) {
      throw new IllegalArgumentException(
          "--duration " + duration + " is shorter than one step (" + settings.step() + ")");
    }
    UnivariateSimulator sim = new UnivariateSimulator(settings);
    createParent();
    long rows = 0;
    try (Writer w = Files.newBufferedWriter(target.out, StandardCharsets.UTF_8)) {
      UnivariateCsv csv = new UnivariateCsv(w);
      for (long k = 0; k < steps; k++) {
        for (UnivariateRow row : sim.nextStep()) {
          csv.write(row);
          rows++;
        }
      }
    }
    List<UnivariateEvent> events = sim.events();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "simulate summary: mode=univariate rows=%d devices=%d steps=%d step=%s injected=%d"
            + " level_changes=%d flats=%d pauses=%d duplicates=%d%n",
        rows,
        devices,
        steps,
        settings.step(),
        sim.injectedAnomalies().size(),
        count(events, UnivariateEvent.Kind.LEVEL_CHANGE),
        count(events, UnivariateEvent.Kind.FLAT),
        count(events, UnivariateEvent.Kind.PAUSE),
        count(events, UnivariateEvent.Kind.DUPLICATE));
    for (UnivariateProfile p : sim.profiles()) {
      out.printf(
          Locale.ROOT,
          "  %s base=%.2f amplitude=%.2f rise=%s fall=%s weekend=%.2f trend_per_day=%.3f"
              + " noise_sd=%.3f%n",
          p.deviceId(),
          p.base(),
          p.amplitude(),
          clock(p.riseHour()),
          clock(p.fallHour()),
          p.weekendFactor(),
          p.trendPerDay(),
          p.noiseSd());
    }
    for (UnivariateAnomaly a : sim.injectedAnomalies()) {
      out.printf(Locale.ROOT, "  %s %s %s..%s%n", a.id(), a.kind(), a.start(), a.end());
    }
    out.flush();
    return 0;
  }

  private static long count(List<UnivariateEvent> events, UnivariateEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  /** An hour of the day as HH:MM (UTC). */
  private static String clock(double hour) {
    long minutes = Math.round(hour * 60);
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }

  private void createParent() throws IOException {
    Path parent = target.out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  private long toCsv(FleetSimulator fleet, long steps) throws Exception {
    createParent();
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
    new KafkaPreflight(kafka.bootstrap, Map.of(), KafkaPreflight.DEFAULT_TIMEOUT)
        .check(List.of(kafka.topic), "create it first (" + KafkaPreflight.CREATE_TOPICS_HINT + ")");
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
