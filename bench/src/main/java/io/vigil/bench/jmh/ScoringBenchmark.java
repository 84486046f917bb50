package io.vigil.bench.jmh;

import io.vigil.bench.fleet.FleetData;
import io.vigil.core.engine.ExtraOutputs;
import io.vigil.inference.runtime.BatchScores;
import io.vigil.inference.runtime.ExecutionProvider;
import io.vigil.inference.runtime.InferenceSettings;
import io.vigil.inference.runtime.OnnxModel;
import io.vigil.inference.runtime.WindowBatchScorer;
import io.vigil.model.linear.PcaAutoencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One micro-batch through {@link WindowBatchScorer} on the CPU, as the detection stage scores it:
 * the batch's windows copied into one input array, the tensor filled from it and the model run,
 * fetching only the outputs that the stream's optional outputs need ({@code outputs}: none, the
 * reconstruction for denoised windows, the latent code for embeddings, or both). The model is small
 * and known: the linear (PCA) autoencoder with 8 components, fitted in the set-up on the fleet's
 * normal data. One operation is one batch; windows per second are ops/s times the batch size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBenchmark {
  /** Windows per batch. */
  @Param({"1", "64", "256"})
  public int batch;

  /** The optional outputs fetched with the scores. */
  @Param({"none", "denoised", "embeddings", "both"})
  public String outputs;

  private ExtraOutputs extras;

  private Path file;
  private OnnxModel model;
  private WindowBatchScorer scorer;
  private float[] pool;
  private float[] input;
  private int poolWindows;
  private int size;
  private int next;

  /** Fits and loads the model; cuts a pool of real windows. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("vigil-jmh-", ".onnx");
    PcaAutoencoder.fit(
        file,
        FleetData.normal(2, 1500, Shapes.channels(), Shapes.SEED),
        Shapes.channels(),
        Shapes.WINDOW,
        Shapes.STRIDE,
        8,
        "jmh-linear",
        "{\"source\":\"jmh\"}");
    model = OnnxModel.load(file, new InferenceSettings(ExecutionProvider.CPU, 1, batch));
    scorer = model.newScorer();
    size = Shapes.WINDOW * Shapes.CHANNELS;
    poolWindows = 512;
    pool = FleetData.windows(poolWindows, Shapes.WINDOW, Shapes.channels(), Shapes.SEED);
    input = new float[batch * size];
    extras =
        new ExtraOutputs(
            outputs.equals("denoised") || outputs.equals("both"),
            outputs.equals("embeddings") || outputs.equals("both"));
  }

  /** Closes the model and deletes its file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    model.close();
    Files.deleteIfExists(file);
  }

  /** Fills the batch from the pool and scores it. */
  @Benchmark
  public BatchScores fillAndScore() {
    for (int b = 0; b < batch; b++) {
      System.arraycopy(pool, next * size, input, b * size, size);
      next = (next + 1) % poolWindows;
    }
    return scorer.scoreBatch(input, batch, extras);
  }
}
