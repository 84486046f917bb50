package io.vigil.app.ingest;

import io.vigil.app.config.DetectionSettings.InputPartitioning;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes frames from raw bytes, so that a malformed record becomes a dead letter instead of
 * stopping the application, refuses values and timestamps that {@link ValueChecks} refuses, and
 * keys every frame by its device. Forwards a {@link TelemetryFrame} when the record is already
 * keyed by its device in the partition Kafka's default partitioner gives that key (so it is where
 * the device's state is), a {@link MisKeyedFrame} when it must be repartitioned first, and a {@code
 * DeadLetter} otherwise.
 */
public final class FrameIngestProcessor implements Processor<byte[], byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(FrameIngestProcessor.class);

  private final Deserializer<TelemetryFrame> deserializer;
  private final VigilMetrics metrics;
  private final ValueChecks checks;
  private final InputPartitioning partitioning;
  private final int partitions;
  private ProcessorContext<String, Object> context;
  private boolean warned;

  /**
   * @param deserializer decodes the frames
   * @param metrics where refused and repartitioned frames are counted
   * @param checks value and time checks
   * @param partitioning whether a frame keyed by its device is also checked to be in the partition
   *     Kafka's default partitioner gives its key
   * @param partitions partitions of the frames topic (and of the repartition topic)
   */
  public FrameIngestProcessor(
      Deserializer<TelemetryFrame> deserializer,
      VigilMetrics metrics,
      ValueChecks checks,
      InputPartitioning partitioning,
      int partitions) {
    this.deserializer = deserializer;
    this.metrics = metrics;
    this.checks = checks;
    this.partitioning = partitioning;
    this.partitions = partitions;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    TelemetryFrame frame;
    try {
      frame = deserializer.deserialize(topic, record.value());
    } catch (MalformedRecordException e) {
      deadLetter(record, DeadLetterReason.MALFORMED, e.getMessage(), null);
      return;
    }
    if (frame == null) {
      deadLetter(
          record,
          DeadLetterReason.MALFORMED,
          "record from topic '" + topic + "' has no value; expected a telemetry frame",
          null);
      return;
    }
    ValueChecks.Refusal badId = ValueChecks.deviceId(frame.getDeviceId());
    if (badId != null) {
      deadLetter(record, badId.reason(), "frame " + badId.message(), null);
      return;
    }
    if (frame.getChannels().isEmpty()) {
      deadLetter(
          record,
          DeadLetterReason.MALFORMED,
          "frame of device '"
              + frame.getDeviceId()
              + "' at "
              + frame.getEventTime()
              + " has no channels; expected at least one (null for a sensor with no reading)",
          frame.getDeviceId());
      return;
    }
    for (Map.Entry<String, Double> channel : frame.getChannels().entrySet()) {
      ValueChecks.Refusal refused =
          ValueChecks.channel(
              frame.getDeviceId(), frame.getEventTime(), channel.getKey(), channel.getValue());
      if (refused != null) {
        deadLetter(record, refused.reason(), "frame of " + refused.message(), frame.getDeviceId());
        return;
      }
    }
    ValueChecks.Refusal future =
        checks.eventTime(frame.getDeviceId(), frame.getEventTime(), context.currentSystemTimeMs());
    if (future != null) {
      deadLetter(record, future.reason(), "frame of " + future.message(), frame.getDeviceId());
      return;
    }
    String device = frame.getDeviceId();
    boolean inPlace =
        partitioning != InputPartitioning.FALSE
            && record.key() != null
            && Arrays.equals(record.key(), device.getBytes(StandardCharsets.UTF_8))
            && (partitioning == InputPartitioning.TRUE || inDefaultPartition(record.key(), device));
    Object out = inPlace ? frame : new MisKeyedFrame(frame);
    if (!inPlace) {
      metrics.frameRepartitioned();
    }
    context.forward(new Record<>(device, out, frame.getEventTime().toEpochMilli()));
  }

  /**
   * Whether the record is in the partition Kafka's default partitioner (murmur2 of the key bytes)
   * gives its key: where the device's state is, and where interactive queries look for it.
   */
  private boolean inDefaultPartition(byte[] key, String device) {
    int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
    int expected = Utils.toPositive(Utils.murmur2(key)) % partitions;
    if (partition == expected) {
      return true;
    }
    if (!warned) {
      warned = true;
      LOG.warn(
          "frame of device '{}' is in partition {} of the frames topic, where Kafka's default"
              + " partitioner puts its key in {}: the producer partitions otherwise (librdkafka"
              + " clients hash with CRC32 by default); such frames are repartitioned by device"
              + " (vigil_frames_repartitioned_total; vigil.input.partitioned-by-device)",
          device,
          partition,
          expected);
    }
    return false;
  }

  private void deadLetter(
      Record<byte[], byte[]> record, DeadLetterReason reason, String message, String deviceId) {
    LOG.debug("dead letter {}: {}", reason, message);
    DeadLetters.forward(
        context,
        metrics,
        record.timestamp(),
        record.key(),
        record.value(),
        reason,
        message,
        deviceId);
  }
}
