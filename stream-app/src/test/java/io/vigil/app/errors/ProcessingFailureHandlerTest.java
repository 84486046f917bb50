package io.vigil.app.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-resort handler: configured from the streams properties VigilApp builds, it turns a
 * record whose processing threw into a PROCESSING_FAILED dead letter on the dead-letter topic,
 * counts it, and lets processing go on.
 */
class ProcessingFailureHandlerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path state;

  private final VigilMetrics metrics = new VigilMetrics();

  private Properties streamsProperties() {
    return VigilApp.streamsProperties(VigilConfig.defaults("unused:9092", state), metrics);
  }

  @Test
  void isConfiguredFromTheStreamsPropertiesWithTheTopicAndTheMetricsObject() {
    ProcessingExceptionHandler handler =
        new StreamsConfig(streamsProperties()).processingExceptionHandler();

    assertThat(handler).isInstanceOf(ProcessingFailureHandler.class);
    ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("vigil.frames", 2, 41L, "detect"), null, new IllegalStateException("x"));
    assertThat(response.deadLetterQueueRecords())
        .singleElement()
        .satisfies(r -> assertThat(r.topic()).isEqualTo("vigil.dead-letter"));
    assertThat(metrics.deadLetterCount(DeadLetterReason.PROCESSING_FAILED)).isEqualTo(1.0);
  }

  @Test
  void deadLettersTheFailedRecordWithItsSourceRawBytesAndCauseAndResumes() {
    ProcessingFailureHandler handler = configured();
    TelemetryFrame frame =
        TelemetryFrame.newBuilder()
            .setDeviceId("pump-7")
            .setEventTime(T0)
            .setChannels(new HashMap<>(Map.of("pressure", 4.2)))
            .build();

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("vigil.frames", 2, 41L, "detect"),
            new Record<>("pump-7", frame, T0.toEpochMilli()),
            new ArithmeticException("long overflow"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
    assertThat(out.topic()).isEqualTo("dl");
    assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo("pump-7");
    assertThat(out.timestamp()).isEqualTo(T0.toEpochMilli());
    DeadLetter letter = VigilSerdes.deadLetter().decode(out.value());
    assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
    assertThat(letter.getSourceTopic()).isEqualTo("vigil.frames");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(41L);
    assertThat(letter.getRecordTimestamp()).isEqualTo(T0);
    assertThat(bytes(letter.getRawKey())).isEqualTo("raw-key".getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getRawValue())).isEqualTo("raw-value".getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getDeviceId()).isEqualTo("pump-7");
    assertThat(letter.getErrorMessage())
        .contains("'detect'", "task 0_2", "java.lang.ArithmeticException: long overflow");
    assertThat(metrics.deadLetterCount(DeadLetterReason.PROCESSING_FAILED)).isEqualTo(1.0);
  }

  @Test
  void aFailedPunctuationHasNoRecordAndNoSourcePosition() {
    ProcessingFailureHandler handler = configured();

    ProcessingExceptionHandler.Response response =
        handler.handleError(context(null, -1, -1L, "detect"), null, new RuntimeException("tick"));

    ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
    assertThat(out.key()).isNull();
    DeadLetter letter = VigilSerdes.deadLetter().decode(out.value());
    assertThat(letter.getSourceTopic()).isEmpty();
    assertThat(letter.getSourceOffset()).isEqualTo(-1L);
    assertThat(letter.getRecordTimestamp()).isNull();
    assertThat(letter.getDeviceId()).isNull();
  }

  @Test
  void inATopologyTheFailingRecordIsDeadLetteredAndTheNextOneIsProcessed() {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
    topology.addProcessor("explode", Explode::new, "in");
    topology.addSink(
        "out", "out", Serdes.String().serializer(), Serdes.String().serializer(), "explode");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, streamsProperties(), T0)) {
      TestInputTopic<String, String> in =
          driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, String> out =
          driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
      TestOutputTopic<byte[], byte[]> dead =
          driver.createOutputTopic(
              "vigil.dead-letter", new ByteArrayDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("k1", "boom", T0);
      in.pipeInput("k2", "fine", T0.plusSeconds(1));

      assertThat(out.readValuesToList()).containsExactly("fine");
      List<byte[]> letters = dead.readValuesToList();
      assertThat(letters).hasSize(1);
      DeadLetter letter = VigilSerdes.deadLetter().decode(letters.get(0));
      assertThat(letter.getErrorKind()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
      assertThat(letter.getSourceTopic()).isEqualTo("in");
      assertThat(letter.getSourceOffset()).isZero();
      assertThat(bytes(letter.getRawValue())).isEqualTo("boom".getBytes(StandardCharsets.UTF_8));
      assertThat(letter.getErrorMessage()).contains("'explode'", "cannot process boom");
      assertThat(metrics.deadLetterCount(DeadLetterReason.PROCESSING_FAILED)).isEqualTo(1.0);
    }
  }

  /** Forwards every value except "boom", on which it throws. */
  private static final class Explode implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
      if (record.value().equals("boom")) {
        throw new IllegalStateException("cannot process boom");
      }
      context.forward(record);
    }
  }

  private ProcessingFailureHandler configured() {
    ProcessingFailureHandler handler = new ProcessingFailureHandler();
    handler.configure(ProcessingFailureHandler.streamsProperties("dl", metrics));
    return handler;
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }

  private static ErrorHandlerContext context(
      String topic, int partition, long offset, String node) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return partition;
      }

      @Override
      public long offset() {
        return offset;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return node;
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, Math.max(partition, 0));
      }

      @Override
      public long timestamp() {
        return topic == null ? -1L : T0.toEpochMilli();
      }

      @Override
      public byte[] sourceRawKey() {
        return topic == null ? null : "raw-key".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return topic == null ? null : "raw-value".getBytes(StandardCharsets.UTF_8);
      }
    };
  }
}
