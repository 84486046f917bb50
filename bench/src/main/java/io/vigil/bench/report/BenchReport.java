package io.vigil.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of one {@code vigil bench} run: where and with what it ran, each phase's result,
 * the summary, and how long each phase took. Field names are written in snake_case; a skipped phase
 * is null (or an empty list).
 *
 * @param vigilVersion the project version
 * @param startedAt ISO-8601 instant the run began
 * @param machine the machine and JVM
 * @param settings what the run was asked to do
 * @param model the model scored with
 * @param appConfig the {@code vigil.*} and {@code kafka.*} settings the stream applications ran
 *     with, beyond the per-phase topic names and ids
 * @param passthrough phase (a)
 * @param inference phase (b), one per batch size
 * @param endToEnd phase (c), one per batch size
 * @param latency phase (d)
 * @param summary the headline figures
 * @param phaseSeconds wall-clock seconds of every step of the run, in order
 */
public record BenchReport(
    String vigilVersion,
    String startedAt,
    Machine machine,
    Settings settings,
    ModelInfo model,
    Map<String, String> appConfig,
    PassthroughResult passthrough,
    List<InferenceResult> inference,
    List<EndToEndResult> endToEnd,
    LatencyResult latency,
    Summary summary,
    Map<String, Double> phaseSeconds) {

  /**
   * The machine the run measured.
   *
   * @param cores processors available to the JVM
   * @param maxHeapMb the JVM's maximum heap
   * @param java the Java runtime version
   * @param os operating system name and version
   */
  public record Machine(int cores, long maxHeapMb, String java, String os) {

    /** Returns this JVM's machine. */
    public static Machine current() {
      return new Machine(
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          System.getProperty("java.version"),
          System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
  }

  /**
   * What the run was asked to do.
   *
   * @param devices simulated devices
   * @param channels channels per frame
   * @param partitions partitions of every topic
   * @param backlogFrames frames pre-loaded for phases (a) and (c)
   * @param stepsPerDevice backlog frames per device
   * @param warmupFrames frames of the warm-up backlog run before phases (a) and (c), 0 for none
   * @param latencySeconds length of phase (d)
   * @param latencyRateFraction phase (d)'s rate as a fraction of the best end-to-end rate
   * @param latencyRateFixed phase (d)'s rate in frames/s when given instead; 0 otherwise
   * @param guarantee the processing guarantee
   * @param provider the requested execution provider
   * @param batchSizes the batch sizes swept
   * @param skipped phases skipped
   * @param seed the simulator seed
   */
  public record Settings(
      int devices,
      int channels,
      int partitions,
      long backlogFrames,
      long stepsPerDevice,
      long warmupFrames,
      double latencySeconds,
      double latencyRateFraction,
      double latencyRateFixed,
      String guarantee,
      String provider,
      List<Integer> batchSizes,
      List<String> skipped,
      long seed) {}

  /**
   * The model scored with.
   *
   * @param choice dense, lstm, linear or file
   * @param file the ONNX file
   * @param modelId its id
   * @param modelVersion its version
   * @param kind its {@code vigil.kind}
   * @param features its features, in order
   * @param window W
   * @param stride S
   * @param providerInUse the execution provider the inference phase ran on
   * @param preparedSeconds time to train or fit it (0 for a given file)
   * @param note how it was made
   */
  public record ModelInfo(
      String choice,
      String file,
      String modelId,
      String modelVersion,
      String kind,
      List<String> features,
      int window,
      int stride,
      String providerInUse,
      double preparedSeconds,
      String note) {}

  /**
   * Writes the report as indented JSON, creating the parent directories.
   *
   * @param file where to write
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + System.lineSeparator());
  }

  /** Returns the report as indented JSON. */
  public String toJson() {
    try {
      return mapper().writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the bench report as JSON", e);
    }
  }

  /** The mapper the report is written (and read back in tests) with. */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
