package io.vigil.bench.jmh;

import io.vigil.bench.fleet.FleetData;
import io.vigil.core.window.AssemblyResult;
import io.vigil.core.window.Frame;
import io.vigil.core.window.WindowAssembler;
import java.util.List;
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
 * One frame offered to a device's {@link WindowAssembler}, as the detection stage does for every
 * record: through the reorder buffer into the ring, a window built every S frames. One operation is
 * one frame, with its {@link Frame} built from the values as the stage builds it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WindowAssemblyBenchmark {
  private double[][] rows;
  private WindowAssembler assembler;
  private long time;
  private int next;

  /** Normal frames of one device, offered in turn with ever newer times. */
  @Setup
  public void setUp() {
    List<double[][]> data = FleetData.normal(1, 4096, Shapes.channels(), Shapes.SEED);
    rows = data.get(0);
    assembler = new WindowAssembler(Shapes.spec());
    time = 1_700_000_000_000L;
  }

  /** Offers the next frame. */
  @Benchmark
  public AssemblyResult offer() {
    time += Shapes.STEP_MILLIS;
    double[] values = rows[next];
    next = (next + 1) % rows.length;
    return assembler.offer(Frame.of(time, values));
  }
}
