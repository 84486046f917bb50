package io.vigil.app.topology;

import io.vigil.app.ingest.FrameIngestProcessor;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.TelemetryFrame;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds Vigil's topology. Frames are read as raw bytes and decoded by the ingest stage, so that a
 * malformed record is dead-lettered with its source position instead of failing the application.
 */
public final class VigilTopology {
  /** Node names. */
  static final String FRAMES_SOURCE = "frames-source";

  static final String INGEST = "ingest-frames";
  static final String DETECT = "detect";
  static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private VigilTopology() {}

  /** The topology over the topics of {@code topics}. */
  public static Topology build(TopicCatalogue topics) {
    Topology topology = new Topology();
    Deserializer<byte[]> bytes = Serdes.ByteArray().deserializer();
    topology.addSource(FRAMES_SOURCE, bytes, bytes, topics.frames().name());
    Deserializer<TelemetryFrame> frames = topics.frames().valueSerde().deserializer();
    topology.addProcessor(
        INGEST, () -> new FrameIngestProcessor(frames, DETECT, DEAD_LETTER_SINK), FRAMES_SOURCE);
    // Placeholder until the detection stage lands: valid frames end here.
    topology.addProcessor(DETECT, Discard::new, INGEST);
    topology.addSink(
        DEAD_LETTER_SINK,
        topics.deadLetter().name(),
        topics.deadLetter().keySerde().serializer(),
        anyAs(topics.deadLetter().valueSerde().serializer()),
        INGEST);
    return topology;
  }

  /**
   * The ingest stage forwards more than one record type to its children; each sink receives only
   * its own type, so the cast is safe.
   */
  @SuppressWarnings("unchecked")
  private static <T> Serializer<Object> anyAs(Serializer<T> serializer) {
    return (Serializer<Object>) serializer;
  }

  /** Ends the valid-frame branch. */
  private static final class Discard implements Processor<String, Object, Void, Void> {
    @Override
    public void init(ProcessorContext<Void, Void> context) {}

    @Override
    public void process(Record<String, Object> record) {}
  }
}
