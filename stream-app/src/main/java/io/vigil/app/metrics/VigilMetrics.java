package io.vigil.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * Every metric Vigil reports, registered once per process. Rates (frames/s, windows/s) are the
 * counters' rates in Prometheus. Thread-safe: Micrometer meters are.
 */
public final class VigilMetrics {
  private final PrometheusMeterRegistry registry;
  private final Counter frames;
  private final Counter windows;
  private final Counter skippedWindows;
  private final Counter policyChanges;
  private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
  private final DistributionSummary batchSize;
  private final Timer inference;
  private final Timer eventToEmit;
  private final Counter mergedFrames;
  private final Counter repartitionedFrames;
  private final Counter windowRestarts;
  private final Counter inferenceWait;
  private final Counter expiredDevices;
  private final Counter silentCloses;
  private final Counter threadsReplaced;
  private final Map<String, Counter> unknownChannels = new ConcurrentHashMap<>();
  private final Map<Object, IntSupplier> openEpisodeSources = new ConcurrentHashMap<>();
  private final Map<Object, IntSupplier> queuedWindowSources = new ConcurrentHashMap<>();
  private final Counter scores;

  /** Filled once in the constructor, read-only after: every kind and severity. */
  private final Map<EpisodeEventKind, Map<Severity, Counter>> events =
      new EnumMap<>(EpisodeEventKind.class);

  private volatile DoubleSupplier lag = () -> 0;

  /** Distinct channel names counted by name; more are counted under {@code "_other"}. */
  static final int MAX_UNKNOWN_CHANNEL_TAGS = 64;

  public VigilMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private VigilMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    frames =
        Counter.builder("vigil.frames")
            .description("Frames accepted for windowing")
            .register(registry);
    windows = Counter.builder("vigil.windows").description("Windows scored").register(registry);
    skippedWindows =
        Counter.builder("vigil.windows.skipped")
            .description(
                "Windows not scored because a channel's gap was longer than the carry-forward limit")
            .register(registry);
    policyChanges =
        Counter.builder("vigil.policy.changes")
            .description("Policy changes applied to a device")
            .register(registry);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(
          reason,
          Counter.builder("vigil.dead.letters")
              .description("Records sent to the dead-letter topic")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    batchSize =
        DistributionSummary.builder("vigil.inference.batch.size")
            .description("Windows per inference call")
            .publishPercentileHistogram()
            .maximumExpectedValue(4096.0)
            .register(registry);
    inference =
        Timer.builder("vigil.inference.latency")
            .description("Wall time of one inference call (a micro-batch)")
            .publishPercentileHistogram()
            .register(registry);
    eventToEmit =
        Timer.builder("vigil.event.to.emit.latency")
            .description(
                "Wall-clock time of emitting a window's score minus the window's end event time")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("vigil.episodes.open", openEpisodeSources, VigilMetrics::sum)
        .description("Anomaly episodes open in the device state this instance owns")
        .register(registry);
    Gauge.builder("vigil.windows.queued", queuedWindowSources, VigilMetrics::sum)
        .description("Windows cut and waiting for their micro-batch")
        .register(registry);
    scores =
        Counter.builder("vigil.scores.emitted")
            .description("Window scores forwarded to the scores topic")
            .register(registry);
    mergedFrames =
        Counter.builder("vigil.frames.merged")
            .description(
                "Frames merged into a frame of the same device and time still in the reorder buffer")
            .register(registry);
    repartitionedFrames =
        Counter.builder("vigil.frames.repartitioned")
            .description(
                "Frames sent through the repartition topic: keyed by something else than their"
                    + " device, or in another partition than Kafka's default partitioner gives it")
            .register(registry);
    inferenceWait =
        Counter.builder("vigil.inference.wait")
            .baseUnit("seconds")
            .description(
                "Time the stream thread waited for the scoring thread (vigil.inference.overlap):"
                    + " it grows when the model, not the stream, is the bottleneck")
            .register(registry);
    windowRestarts =
        Counter.builder("vigil.window.restarts")
            .description("Window sequences restarted after a pause longer than gap filling covers")
            .register(registry);
    expiredDevices =
        Counter.builder("vigil.devices.expired")
            .description("Devices whose state was deleted after vigil.state.device-ttl of silence")
            .register(registry);
    silentCloses =
        Counter.builder("vigil.episodes.closed.silent")
            .description("Episodes closed because their device sent no window for the idle time")
            .register(registry);
    // Every kind and severity from the start, so that dashboards see zeros rather than nothing.
    for (EpisodeEventKind kind : EpisodeEventKind.values()) {
      Map<Severity, Counter> bySeverity = new EnumMap<>(Severity.class);
      events.put(kind, bySeverity);
      for (Severity severity : Severity.values()) {
        bySeverity.put(
            severity,
            Counter.builder("vigil.events")
                .description("Anomaly episode events published, by kind and severity")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("severity", severity.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
    }
    Gauge.builder("vigil.input.lag.records", this, m -> m.lag.getAsDouble())
        .description(
            "Records of the input topics this instance has not yet consumed (the sum of its"
                + " consumers' per-partition lag, as Kafka's consumer reports it)")
        .register(registry);
    threadsReplaced =
        Counter.builder("vigil.stream.threads.replaced")
            .description(
                "Stream threads that died of an uncaught exception and were replaced by a new one")
            .register(registry);
  }

  /** The registry, for the Prometheus endpoint and tests. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The metrics in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** Records which execution provider scores windows. */
  public void provider(String provider) {
    Gauge.builder("vigil.inference.provider", () -> 1)
        .description(
            "The ONNX Runtime execution provider in use (value 1, the provider in the tag)")
        .tag("provider", provider.toLowerCase(Locale.ROOT))
        .register(registry);
  }

  public void frameAccepted() {
    frames.increment();
  }

  public void windowSkipped() {
    skippedWindows.increment();
  }

  public void deadLetter(DeadLetterReason reason) {
    deadLetters.get(reason).increment();
  }

  public void policyChanged() {
    policyChanges.increment();
  }

  /** One inference call over {@code size} windows that took {@code nanos}. */
  public void batch(int size, long nanos) {
    batchSize.record(size);
    inference.record(Duration.ofNanos(nanos));
    windows.increment(size);
  }

  public void emitted(long windowEndMillis, long nowMillis) {
    eventToEmit.record(Duration.ofMillis(Math.max(0, nowMillis - windowEndMillis)));
    scores.increment();
  }

  /**
   * Records one request to the dashboard's HTTP server.
   *
   * @param method GET, POST, ...
   * @param route the route's path pattern (e.g. {@code /api/devices/{id}}), or {@code static}
   * @param status the response status
   * @param millis the time it took
   */
  public void httpRequest(String method, String route, int status, double millis) {
    Timer.builder("vigil.http.requests")
        .description("Requests to the dashboard and HTTP API")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  /** Window scores forwarded since start (committed or not yet). */
  public double scoresEmittedCount() {
    return scores.count();
  }

  /**
   * Adds a source of queued-window counts (one per stream task); the gauge sums them.
   *
   * @param owner the task's processor, the key for {@link #removeQueuedWindows}
   * @param count reads the task's queue length; called from any thread
   */
  public void queuedWindowsFrom(Object owner, IntSupplier count) {
    queuedWindowSources.put(owner, count);
  }

  /** Removes a source added by {@link #queuedWindowsFrom}. */
  public void removeQueuedWindows(Object owner) {
    queuedWindowSources.remove(owner);
  }

  /** Windows waiting for their micro-batch in every task of this instance. */
  public double queuedWindowCount() {
    return sum(queuedWindowSources);
  }

  /**
   * Adds a source of open-episode counts (one per stream task, counting from its state); the gauge
   * sums them, so it stays right after rebalances.
   */
  public void openEpisodesFrom(Object owner, IntSupplier count) {
    openEpisodeSources.put(owner, count);
  }

  /** Removes a source added by {@link #openEpisodesFrom}. */
  public void removeOpenEpisodes(Object owner) {
    openEpisodeSources.remove(owner);
  }

  private static double sum(Map<Object, IntSupplier> sources) {
    double total = 0;
    for (IntSupplier s : sources.values()) {
      total += s.getAsInt();
    }
    return total;
  }

  /** Counts an anomaly event published to the anomalies topic. */
  public void event(AnomalyEvent event) {
    events.get(event.getKind()).get(event.getSeverity()).increment();
  }

  /** Events published so far of one kind, all severities, for tests. */
  public double eventCount(EpisodeEventKind kind) {
    double n = 0;
    for (Counter c : events.get(kind).values()) {
      n += c.count();
    }
    return n;
  }

  /**
   * Sets where the input lag comes from (the stream application's consumers).
   *
   * @param source reads the lag in records; called at each scrape
   */
  public void lagFrom(DoubleSupplier source) {
    lag = source;
  }

  public void frameRepartitioned() {
    repartitionedFrames.increment();
  }

  public double repartitionedFrameCount() {
    return repartitionedFrames.count();
  }

  public void frameMerged() {
    mergedFrames.increment();
  }

  /**
   * Records time the stream thread waited for an overlapped batch's model call.
   *
   * @param nanos the wait
   */
  public void inferenceWaited(long nanos) {
    inferenceWait.increment(nanos / 1e9);
  }

  /** Seconds the stream threads waited for the scoring threads so far. */
  public double inferenceWaitSeconds() {
    return inferenceWait.count();
  }

  public void windowRestarted() {
    windowRestarts.increment();
  }

  public void deviceExpired() {
    expiredDevices.increment();
  }

  public void episodeClosedSilent() {
    silentCloses.increment();
  }

  /** Counts a stream thread that died of an uncaught exception and was replaced. */
  public void streamThreadReplaced() {
    threadsReplaced.increment();
  }

  /** Stream threads replaced so far, for tests. */
  public double streamThreadReplacedCount() {
    return threadsReplaced.count();
  }

  /** Counts a channel that the model does not know, by name up to a bounded number of names. */
  public void unknownChannel(String channel) {
    String tag =
        unknownChannels.size() < MAX_UNKNOWN_CHANNEL_TAGS || unknownChannels.containsKey(channel)
            ? channel
            : "_other";
    unknownChannels
        .computeIfAbsent(
            tag,
            c ->
                Counter.builder("vigil.channels.unknown")
                    .description("Channel values ignored because the model does not know them")
                    .tag("channel", c)
                    .register(registry))
        .increment();
  }

  /** The number of ignored values of an unknown channel, for tests. */
  public double unknownChannelCount(String channel) {
    Counter c = unknownChannels.get(channel);
    return c == null ? 0 : c.count();
  }

  public double openEpisodeCount() {
    return sum(openEpisodeSources);
  }

  public double policyChangeCount() {
    return policyChanges.count();
  }

  public double mergedFrameCount() {
    return mergedFrames.count();
  }

  public double windowRestartCount() {
    return windowRestarts.count();
  }

  public double expiredDeviceCount() {
    return expiredDevices.count();
  }

  public double deadLetterCount(DeadLetterReason reason) {
    return deadLetters.get(reason).count();
  }

  public double frameCount() {
    return frames.count();
  }

  public double windowCount() {
    return windows.count();
  }

  public double skippedWindowCount() {
    return skippedWindows.count();
  }
}
