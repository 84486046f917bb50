package io.vigil.bench.phase;

import io.vigil.app.publish.FramePublisher;
import io.vigil.bench.fleet.WideFleet;
import io.vigil.bench.progress.Progress;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.simulate.SimulatedFrame;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Pre-loads the frames topic with a backlog: {@code steps} frames of every device of the fleet,
 * step after step, Avro-encoded as Vigil reads them, keyed by device, each with its event time (in
 * the past) as the record timestamp. Loaded before any application starts, so phases (a) and (c)
 * read the very same records at full speed.
 */
public final class Backlog {
  private Backlog() {}

  /**
   * Sends the backlog and waits until the broker has acknowledged all of it.
   *
   * @param bootstrapServers the broker
   * @param topic the frames topic
   * @param fleet the fleet, at its first step
   * @param steps frames per device
   * @param progress where to show it
   * @return frames sent
   */
  public static long load(
      String bootstrapServers, String topic, WideFleet fleet, long steps, Progress progress) {
    long total = steps * fleet.devices();
    progress.start("load backlog", total, "frames");
    AtomicReference<Exception> failure = new AtomicReference<>();
    long sent = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (long k = 0; k < steps; k++) {
        for (SimulatedFrame frame : fleet.nextStep()) {
          byte[] value = VigilSerdes.frame().encode(FramePublisher.toRecord(frame));
          producer.send(
              new ProducerRecord<>(
                  topic, null, frame.eventTime().toEpochMilli(), frame.deviceId(), value),
              (metadata, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
          sent++;
        }
        if (failure.get() != null) {
          break;
        }
        progress.update(sent);
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "loading the backlog into " + topic + " failed: " + failure.get().getMessage(),
          failure.get());
    }
    progress.finish(String.format(Locale.ROOT, "%,d frames in %s", sent, topic));
    return sent;
  }
}
