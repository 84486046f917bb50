package io.vigil.demo;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.simulate.FleetSimulator;
import io.vigil.simulate.InjectedAnomaly;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the demo: starts the embedded broker under the work directory, creates the topics, starts
 * the stream application, publishes the simulated fleet at a steady pace, shows the outputs, and
 * when the duration is over (or a stop is requested) lets the application finish the frames already
 * sent before shutting everything down.
 */
public final class DemoRunner {
  private static final String APPLICATION_ID = "vigil-demo";
  private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final DemoOptions options;
  private final PrintStream console;

  public DemoRunner(DemoOptions options, PrintStream console) {
    this.options = options;
    this.console = console;
  }

  /** Runs until the duration is over or {@code stop} is counted down; returns the summary. */
  public DemoSummary run(CountDownLatch stop)
      throws IOException, InterruptedException, ExecutionException {
    Path workDir = options.workDir().toAbsolutePath();
    Files.createDirectories(workDir);
    Path progressFile = workDir.resolve("demo.properties");
    long stepsBefore = readSteps(progressFile);
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.defaults(workDir.resolve("broker")))) {
      VigilConfig config =
          VigilConfig.fromProperties(
              VigilConfig.properties(
                  "vigil.bootstrap.servers", broker.bootstrapServers(),
                  "vigil.application.id", APPLICATION_ID,
                  "vigil.state.dir", workDir.resolve("state").toString(),
                  "vigil.model.path", options.model().toString(),
                  "vigil.commit.interval.ms", "200",
                  "vigil.http.port", Integer.toString(options.httpPort())));
      TopicCatalogue topics = TopicCatalogue.of(config.topics(), config.inputFormat());
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        topics.createMissing(admin, options.partitions(), (short) 1);
        FleetSimulator fleet =
            new FleetSimulator(SimulatorSettings.defaults(options.devices(), options.seed()));
        for (long k = 0; k < stepsBefore; k++) {
          fleet.nextStep(); // a restarted demo continues the same simulated timeline
        }
        console.printf(
            Locale.ROOT,
            "vigil demo: broker %s, %d devices, seed %d, %s, work dir %s%n",
            broker.bootstrapServers(),
            options.devices(),
            options.seed(),
            options.duration() == null
                ? "until Ctrl-C"
                : "for " + options.duration().toSeconds() + " s",
            workDir);
        DemoSummary summary;
        try (VigilApp app = VigilApp.start(config, Duration.ofSeconds(120));
            OutputMonitor monitor = new OutputMonitor(broker.bootstrapServers(), topics, console);
            FramePublisher publisher =
                new FramePublisher(broker.bootstrapServers(), topics.frames(), Map.of())) {
          if (app.dashboard() != null) {
            console.printf(
                Locale.ROOT,
                "vigil demo: dashboard at http://127.0.0.1:%d/%n",
                app.dashboard().port());
          }
          Instant firstTime = fleet.timeOf(fleet.steps());
          long bad = publish(fleet, publisher, monitor, stop);
          Instant lastTime = fleet.timeOf(fleet.steps() - 1);
          publisher.flush();
          console.println(
              "vigil demo: publishing stopped; waiting for the application to finish the frames sent");
          drain(app, admin, topics, monitor);
          // Anomalies that began during this run, and those that had the time to be noticed.
          List<InjectedAnomaly> began =
              fleet.injectedAnomalies().stream()
                  .filter(a -> !a.start().isBefore(firstTime) && !a.start().isAfter(lastTime))
                  .toList();
          List<InjectedAnomaly> injected =
              began.stream()
                  .filter(a -> !a.end().plus(options.matchTolerance()).isAfter(lastTime))
                  .toList();
          EpisodeMatcher.Result match =
              EpisodeMatcher.match(injected, began, monitor.openings(), options.matchTolerance());
          summary =
              new DemoSummary(
                  publisher.sent() - bad,
                  bad,
                  monitor.windows(),
                  monitor.events(),
                  monitor.deadLetters(),
                  match.injected(),
                  match.detected(),
                  match.falseEpisodes());
        }
        writeSteps(progressFile, fleet.steps());
        return summary;
      }
    }
  }

  private long publish(
      FleetSimulator fleet, FramePublisher publisher, OutputMonitor monitor, CountDownLatch stop)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    long endNanos =
        options.duration() == null ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
    long stepNanos = Math.round(1e9 / options.stepsPerSecond());
    long nextStatus = startNanos + STATUS_EVERY.toNanos();
    long published = 0;
    long bad = 0;
    long due = startNanos;
    int announced = fleet.injectedAnomalies().size();
    while (stop.getCount() > 0 && System.nanoTime() < endNanos) {
      List<SimulatedFrame> step = fleet.nextStep();
      List<InjectedAnomaly> all = fleet.injectedAnomalies();
      for (; announced < all.size(); announced++) {
        InjectedAnomaly a = all.get(announced);
        console.printf(
            Locale.ROOT,
            "  INJECT %-12s %s  %s on %s for %d s%n",
            a.deviceId(),
            a.start(),
            a.kind(),
            a.channel(),
            Duration.between(a.start(), a.end()).getSeconds() + 1);
      }
      for (SimulatedFrame frame : step) {
        publisher.send(frame);
        published++;
        if (options.badRecordEvery() > 0 && published % options.badRecordEvery() == 0) {
          sendBadRecord(publisher, frame, bad++);
        }
      }
      due += stepNanos;
      long now = System.nanoTime();
      if (now >= nextStatus) {
        status(now - startNanos, published, monitor);
        nextStatus += STATUS_EVERY.toNanos();
      }
      // Reading the outputs paces the publisher: poll until the next step is due.
      long wait = Math.max(0, due - System.nanoTime());
      monitor.poll(Duration.ofNanos(wait));
      if (stop.await(0, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
    return bad;
  }

  /** Alternates two kinds of bad input: bytes that are no frame at all, and a frame with a NaN. */
  private static void sendBadRecord(FramePublisher publisher, SimulatedFrame frame, long n) {
    long time = frame.eventTime().toEpochMilli();
    if (n % 2 == 0) {
      publisher.sendRaw(frame.deviceId(), "{not a frame".getBytes(StandardCharsets.UTF_8), time);
    } else {
      Map<String, Double> channels = new LinkedHashMap<>(frame.channels());
      channels.replaceAll((k, v) -> k.equals("pressure") ? Double.NaN : v);
      publisher.send(
          new SimulatedFrame(frame.deviceId(), frame.eventTime(), frame.step(), channels, null));
    }
  }

  private void status(long elapsedNanos, long published, OutputMonitor monitor) {
    console.printf(
        Locale.ROOT,
        "[%4ds] frames=%d windows=%d events=%d dead_letters=%d%n",
        TimeUnit.NANOSECONDS.toSeconds(elapsedNanos),
        published,
        monitor.windows(),
        monitor.events(),
        monitor.deadLetters());
  }

  /**
   * Waits until the application has committed past every frame sent, then reads the last outputs.
   */
  private void drain(VigilApp app, Admin admin, TopicCatalogue topics, OutputMonitor monitor)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && lag(admin, topics) > 0) {
      if (!app.state().isRunningOrRebalancing()) {
        throw new IllegalStateException(
            "stream application stopped while draining: " + app.state());
      }
      monitor.poll(Duration.ofMillis(200));
    }
    while (System.nanoTime() < deadline && !monitor.caughtUp()) {
      monitor.poll(Duration.ofMillis(200));
    }
  }

  private static long lag(Admin admin, TopicCatalogue topics)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(topics.frames().name()))
            .allTopicNames()
            .get()
            .get(topics.frames().name())
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topics.frames().name(), p.partition()))
            .toList();
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get();
    long lag = 0;
    for (TopicPartition p : partitions) {
      OffsetAndMetadata c = committed.get(p);
      lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  private static long readSteps(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return Long.parseLong(p.getProperty("simulator.steps", "0"));
  }

  private static void writeSteps(Path file, long steps) throws IOException {
    Properties p = new Properties();
    p.setProperty("simulator.steps", Long.toString(steps));
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "vigil demo progress: simulated steps already published");
    }
  }
}
