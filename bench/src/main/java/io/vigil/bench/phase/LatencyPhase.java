package io.vigil.bench.phase;

import io.vigil.app.CommitStats;
import io.vigil.app.VigilApp;
import io.vigil.app.config.InputFormat;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.publish.FramePublisher;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.bench.fleet.WideFleet;
import io.vigil.bench.progress.Progress;
import io.vigil.bench.report.LatencyMillis;
import io.vigil.bench.report.LatencyResult;
import io.vigil.bench.stats.LatencyRecorder;
import io.vigil.bench.stats.Pacer;
import io.vigil.bench.stats.WindowCount;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.WindowScore;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.simulate.SimulatedFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Phase (d): latency below saturation. A Vigil application with its own topics runs while a paced
 * producer sends live frames of the fleet for a fixed time, at a given rate spread evenly over the
 * devices, each frame's event time being the moment it is sent. A window's latency is the time a
 * read_committed consumer receives its score record minus its end, i.e. the event time of its last
 * frame, which is when that frame was sent (to the millisecond: event times are whole milliseconds,
 * so latencies read up to 1 ms high). Windows ending in the warm-up are not counted.
 *
 * <p>By design the latency includes the reorder buffer's wait (a frame leaves it once a frame the
 * grace newer has arrived or the buffer is full), the micro-batch linger, and under exactly-once
 * the commit interval, after which the transaction holding the score becomes visible.
 */
public final class LatencyPhase {
  private static final Duration POLL = Duration.ofMillis(20);

  private LatencyPhase() {}

  /**
   * What to send.
   *
   * @param run the application's settings (model, provider, batch size, name)
   * @param fleet the live fleet, whose frames get the current time as event time
   * @param perSecond frames per second over the whole fleet
   * @param duration how long to send
   * @param warmup windows ending this soon after the start are not counted
   * @param clock the wall clock event times and receive times come from
   */
  public record Load(
      EndToEndPhase.Run run,
      WideFleet fleet,
      double perSecond,
      Duration duration,
      Duration warmup,
      Clock clock) {}

  /**
   * Runs the phase.
   *
   * @param cluster the broker and shared settings
   * @param load what to send
   * @param progress where to show it
   * @return the result
   */
  public static LatencyResult run(BenchCluster cluster, Load load, Progress progress)
      throws InterruptedException, ExecutionException, java.io.IOException {
    VigilConfig config = EndToEndPhase.config(cluster, load.run());
    TopicCatalogue topics = TopicCatalogue.of(config.topics(), InputFormat.AVRO);
    topics.createMissing(cluster.admin(), cluster.partitions(), (short) 1);
    String scoresTopic = topics.scores().name();
    LatencyRecorder scores = new LatencyRecorder();
    LatencyRecorder events = new LatencyRecorder();
    Clock clock = load.clock();
    try (OutputReader reader =
            new OutputReader(
                cluster.bootstrapServers(), List.of(scoresTopic, topics.anomalies().name()));
        VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      Sender sender =
          new Sender(cluster.bootstrapServers(), load.run().framesTopic(), load, progress);
      long measureFromMillis = clock.millis() + load.warmup().toMillis();
      Thread thread = new Thread(sender, "bench-live-producer");
      thread.start();
      long drainUntil = Long.MAX_VALUE;
      while (System.nanoTime() < drainUntil) {
        reader.poll(
            POLL,
            r -> {
              double now = micros(clock.instant()) / 1000.0;
              record(r, scoresTopic, now, measureFromMillis, scores, events);
            });
        if (!app.state().isRunningOrRebalancing()) {
          throw new IllegalStateException("the application stopped: " + app.state());
        }
        if (drainUntil == Long.MAX_VALUE && !thread.isAlive()) {
          // The last transactions commit within a commit interval; give them that and a second.
          drainUntil =
              System.nanoTime() + Duration.ofMillis(config.commitIntervalMillis() + 1000).toNanos();
        }
      }
      thread.join();
      sender.rethrow();
      CommitStats commits = app.commitStats();
      double seconds = sender.sentNanos() / 1e9;
      double spacingMillis = load.fleet().devices() * 1000.0 / load.perSecond();
      long grace = config.detection().graceMillis();
      long held =
          WindowCount.heldFrames(
              grace, config.detection().stepMillis(), Math.max(1, Math.round(spacingMillis)));
      LatencyResult result =
          new LatencyResult(
              load.run().batch(),
              load.perSecond(),
              sender.sent() / seconds,
              sender.sent(),
              seconds,
              load.warmup().toMillis() / 1000.0,
              LatencyMillis.of(scores.summary()),
              LatencyMillis.of(events.summary()),
              held * spacingMillis,
              commits);
      progress.finish(
          String.format(
              Locale.ROOT,
              "%,d frames at %,.0f/s; %,d windows: p50 %.1f ms, p99 %.1f ms (reorder wait by"
                  + " design ~%.0f ms); %d events; %.0f commits, %.1f ms each on average (max %.0f,"
                  + " %.0f %% of the stream thread; producer flush %.1f ms of each)",
              sender.sent(),
              result.sentFps(),
              result.scores().count(),
              nanToZero(result.scores().p50()),
              nanToZero(result.scores().p99()),
              result.reorderHoldMillis(),
              result.events().count(),
              commits.commits(),
              commits.avgMillis(),
              commits.maxMillis(),
              100 * commits.threadShare(),
              commits.flushMillisPerCommit()));
      return result;
    }
  }

  private static void record(
      ConsumerRecord<byte[], byte[]> r,
      String scoresTopic,
      double nowMillis,
      long measureFromMillis,
      LatencyRecorder scores,
      LatencyRecorder events) {
    if (r.topic().equals(scoresTopic)) {
      WindowScore score = VigilSerdes.windowScore().decode(r.value());
      long end = score.getWindowEnd().toEpochMilli();
      if (end >= measureFromMillis) {
        scores.record(nowMillis - end);
      }
    } else {
      AnomalyEvent event = VigilSerdes.anomalyEvent().decode(r.value());
      long end = event.getEventTime().toEpochMilli();
      if (end >= measureFromMillis) {
        events.record(nowMillis - end);
      }
    }
  }

  private static double nanToZero(Double v) {
    return v == null ? 0 : v;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  /** Sends the live frames at the paced rate, on its own thread. */
  private static final class Sender implements Runnable {
    private final String bootstrapServers;
    private final String topic;
    private final Load load;
    private final Progress progress;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long sentNanos;

    Sender(String bootstrapServers, String topic, Load load, Progress progress) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
      this.load = load;
      this.progress = progress;
    }

    @Override
    public void run() {
      WideFleet fleet = load.fleet();
      long[] lastTime = new long[fleet.devices()];
      long total = (long) (load.perSecond() * load.duration().toNanos() / 1e9);
      progress.start("latency", total, "frames");
      long start = System.nanoTime();
      long end = start + load.duration().toNanos();
      Pacer pacer = new Pacer(start, load.perSecond());
      long index = 0;
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true,
                  // The latency starts at send(): keep the producer's own batching short.
                  ProducerConfig.LINGER_MS_CONFIG,
                  1),
              new StringSerializer(),
              new ByteArraySerializer())) {
        outer:
        while (true) {
          for (SimulatedFrame frame : fleet.nextStep()) {
            long due = pacer.dueNanos(index);
            long now = System.nanoTime();
            if (due >= end || now >= end) {
              break outer;
            }
            if (due - now > 100_000) {
              LockSupport.parkNanos(due - now);
            }
            int d = (int) (index % fleet.devices());
            long time = Math.max(load.clock().millis(), lastTime[d] + 1);
            lastTime[d] = time;
            SimulatedFrame live =
                new SimulatedFrame(
                    frame.deviceId(),
                    Instant.ofEpochMilli(time),
                    frame.step(),
                    frame.channels(),
                    frame.anomaly());
            byte[] value = VigilSerdes.frame().encode(FramePublisher.toRecord(live));
            producer.send(
                new ProducerRecord<>(topic, null, time, frame.deviceId(), value),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                });
            index++;
            sent.set(index);
            progress.update(index);
          }
          if (failure.get() != null) {
            break;
          }
        }
        sentNanos = System.nanoTime() - start;
        producer.flush();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    long sent() {
      return sent.get();
    }

    long sentNanos() {
      return sentNanos;
    }

    void rethrow() {
      Exception e = failure.get();
      if (e != null) {
        throw new IllegalStateException("sending live frames failed: " + e.getMessage(), e);
      }
    }
  }
}
