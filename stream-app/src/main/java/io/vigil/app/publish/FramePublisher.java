package io.vigil.app.publish;

import io.vigil.app.topics.Topic;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.simulate.SimulatedFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends simulated frames to the frames topic, keyed by device, with an idempotent producer. It can
 * also send raw bytes, which the demo uses to show how bad input is dead-lettered.
 */
public final class FramePublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Topic<String, TelemetryFrame> topic;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public FramePublisher(
      String bootstrapServers, Topic<String, TelemetryFrame> topic, Map<String, String> kafka) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // One request in flight per connection: right after a topic is created the broker can still
    // answer NOT_LEADER, and reordered retries of several in-flight batches then stall an
    // idempotent
    // producer on OUT_OF_ORDER_SEQUENCE_NUMBER (seen with Kafka 4.3.1) until its delivery timeout.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /** The Avro record of a simulated frame. */
  public static TelemetryFrame toRecord(SimulatedFrame frame) {
    return TelemetryFrame.newBuilder()
        .setDeviceId(frame.deviceId())
        .setEventTime(frame.eventTime())
        .setChannels(new HashMap<>(frame.channels()))
        .setSource("simulator")
        .build();
  }

  /** Sends one frame (asynchronously; {@link #flush()} waits). */
  public void send(SimulatedFrame frame) {
    TelemetryFrame record = toRecord(frame);
    sendRaw(
        frame.deviceId(),
        topic.valueSerde().serializer().serialize(topic.name(), record),
        frame.eventTime().toEpochMilli());
  }

  /** Sends bytes as they are. */
  public void sendRaw(String key, byte[] value, long timestamp) {
    throwIfFailed();
    producer.send(
        new ProducerRecord<>(topic.name(), null, timestamp, key, value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            sent.incrementAndGet();
          }
        });
  }

  /** Records acknowledged by the broker so far. */
  public long sent() {
    return sent.get();
  }

  /** Waits until every record sent so far is acknowledged. */
  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException(
          "publishing to " + topic.name() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
