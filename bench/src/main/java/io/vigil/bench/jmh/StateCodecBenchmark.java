package io.vigil.bench.jmh;

import io.vigil.bench.fleet.FleetData;
import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.scoring.ChannelScores;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import io.vigil.core.window.Frame;
import io.vigil.core.window.WindowAssembler;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * The state the detection stage writes per record and per window, in a steady state: the assembler
 * with a full ring and the frames within the grace buffered, the detector past warm-up with an EWMA
 * threshold (the default policy). Per frame the stage writes the assembler's head and the one ring
 * slot the frame filled ({@link #perFrameStateWrite}); the whole-assembler snapshot ({@link
 * WindowAssembler#toBytes()}) is only read back on restore paths and was the per-frame cost of the
 * first layout, kept here for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StateCodecBenchmark {
  private WindowAssembler assembler;
  private byte[] assemblerBytes;
  private WindowAssembler live;
  private double[][] rows;
  private long liveTime;
  private int next;
  private long written;
  private DeviceDetector detector;
  private byte[] detectorBytes;

  /** Builds the two states from a device's normal frames and a stream of scores. */
  @Setup
  public void setUp() {
    List<double[][]> data = FleetData.normal(1, 200, Shapes.channels(), Shapes.SEED);
    assembler = new WindowAssembler(Shapes.spec());
    long t = 1_700_000_000_000L;
    for (double[] row : data.get(0)) {
      t += Shapes.STEP_MILLIS;
      assembler.offer(Frame.of(t, row));
    }
    assemblerBytes = assembler.toBytes();
    rows = data.get(0);
    live = WindowAssembler.fromBytes(assemblerBytes);
    liveTime = t;

    DetectionPolicy policy =
        new DetectionPolicy(
            "bench",
            1,
            ThresholdSpec.of(ThresholdMethod.EWMA, Map.of("alpha", 0.02, "k", 4.0), 1.0),
            AlertRule.DEFAULT);
    detector = new DeviceDetector("device-000", policy);
    SplittableRandom random = new SplittableRandom(Shapes.SEED);
    double[] channels = new double[Shapes.CHANNELS];
    for (int i = 0; i < 500; i++) {
      t += Shapes.STEP_MILLIS * Shapes.STRIDE;
      for (int c = 0; c < channels.length; c++) {
        channels[c] = random.nextDouble(0.5, 1.5);
      }
      detector.onScore(
          t, random.nextDouble(0.5, 1.5), ChannelScores.of(Shapes.channels(), channels));
    }
    detectorBytes = detector.toBytes();
  }

  /**
   * One frame as the stage handles it: offered, then the head and the new ring slot encoded (what
   * goes to the stores). Windows are acknowledged at once, as scoring would.
   */
  @Benchmark
  public long perFrameStateWrite() {
    liveTime += Shapes.STEP_MILLIS;
    live.offer(Frame.of(liveTime, rows[next]));
    next = (next + 1) % rows.length;
    if (live.pendingCount() > 0) {
      live.acknowledge(live.pending().get(live.pendingCount() - 1));
    }
    written += live.encodeHead().length;
    live.saveFrames(1, (slot, frame) -> written += frame.length);
    return written;
  }

  /** Encodes the whole assembler (the first layout did this after every frame). */
  @Benchmark
  public byte[] assemblerToBytes() {
    return assembler.toBytes();
  }

  /** Decodes the whole assembler (the first layout did this before every frame). */
  @Benchmark
  public WindowAssembler assemblerFromBytes() {
    return WindowAssembler.fromBytes(assemblerBytes);
  }

  /** Encodes the detector, as the stage does after every batch that scored its device. */
  @Benchmark
  public byte[] detectorToBytes() {
    return detector.toBytes();
  }

  /** Decodes the detector. */
  @Benchmark
  public DeviceDetector detectorFromBytes() {
    return DeviceDetector.fromBytes(detectorBytes);
  }
}
