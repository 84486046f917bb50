package io.vigil.bench.jmh;

import io.vigil.app.publish.FramePublisher;
import io.vigil.bench.fleet.WideFleet;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.serde.AvroSerde;
import io.vigil.schemas.serde.JsonFrameSerde;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.simulate.SimulatorSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A telemetry frame of 8 channels through the frame serdes Vigil decodes every input record with:
 * Avro single-object encoding (the schemas module's serde) and JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {
  private static final String TOPIC = "vigil.frames";

  private final AvroSerde<TelemetryFrame> avro = VigilSerdes.frame();
  private final JsonFrameSerde json = VigilSerdes.jsonFrame();
  private TelemetryFrame frame;
  private byte[] avroBytes;
  private byte[] jsonBytes;

  /** One simulated frame, encoded both ways. */
  @Setup
  public void setUp() {
    WideFleet fleet = new WideFleet(SimulatorSettings.defaults(1, Shapes.SEED), Shapes.channels());
    frame = FramePublisher.toRecord(fleet.nextStep().get(0));
    avroBytes = avro.encode(frame);
    jsonBytes = json.serialize(TOPIC, frame);
  }

  /** Avro encoding. */
  @Benchmark
  public byte[] avroEncode() {
    return avro.encode(frame);
  }

  /** Avro decoding. */
  @Benchmark
  public TelemetryFrame avroDecode() {
    return avro.decode(avroBytes);
  }

  /** JSON encoding. */
  @Benchmark
  public byte[] jsonEncode() {
    return json.serialize(TOPIC, frame);
  }

  /** JSON decoding. */
  @Benchmark
  public TelemetryFrame jsonDecode() {
    return json.deserialize(TOPIC, jsonBytes);
  }
}
