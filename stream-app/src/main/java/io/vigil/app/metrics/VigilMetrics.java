package io.vigil.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.schemas.DeadLetterReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
  private final AtomicLong openEpisodes = new AtomicLong();

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
    Gauge.builder("vigil.episodes.open", openEpisodes, AtomicLong::get)
        .description("Anomaly episodes open on this instance (opened minus closed since start)")
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
  }

  public void episodeOpened() {
    openEpisodes.incrementAndGet();
  }

  public void episodeClosed() {
    openEpisodes.decrementAndGet();
  }

  public double deadLetterCount(DeadLetterReason reason) {
    return deadLetters.get(reason).count();
  }

  public double windowCount() {
    return windows.count();
  }

  public double skippedWindowCount() {
    return skippedWindows.count();
  }
}
