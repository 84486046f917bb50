package io.vigil.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The headline figures: the best end-to-end rate, the two bounds it is held against, their ratio,
 * and the latency. A figure of a skipped phase is null.
 *
 * @param e2eFps the best end-to-end rate over the batch sizes tried
 * @param e2eBatchSize the batch size that gave it
 * @param passthroughFps the pass-through rate
 * @param inferenceFps the inference bound at that batch size
 * @param ratio {@code e2e / min(passthrough, inference)}: how much of what its two ingredients
 *     allow Vigil achieves
 * @param boundBy which of the two is the lower bound: {@code passthrough} or {@code inference}
 * @param p50Ms median score latency
 * @param p99Ms 99th percentile score latency
 */
public record Summary(
    Double e2eFps,
    Integer e2eBatchSize,
    Double passthroughFps,
    Double inferenceFps,
    Double ratio,
    String boundBy,
    Double p50Ms,
    Double p99Ms) {

  /**
   * Works out the summary from the phases' results.
   *
   * @param endToEnd one result per batch size; empty when skipped
   * @param passthrough null when skipped
   * @param inference one result per batch size; empty when skipped
   * @param latency null when skipped
   * @return the summary
   */
  public static Summary of(
      List<EndToEndResult> endToEnd,
      PassthroughResult passthrough,
      List<InferenceResult> inference,
      LatencyResult latency) {
    Optional<EndToEndResult> best =
        endToEnd.stream().max(Comparator.comparingDouble(EndToEndResult::fps));
    Double e2e = best.map(EndToEndResult::fps).orElse(null);
    Integer batch = best.map(EndToEndResult::batchSize).orElse(null);
    Double pass = passthrough == null ? null : passthrough.fps();
    // The bound that applies to a run is inference at that run's batch size; without an
    // end-to-end run, the best batch size tried.
    Optional<InferenceResult> sameBatch =
        inference.stream().filter(r -> batch != null && r.batchSize() == batch).findFirst();
    Double infer =
        sameBatch
            .or(() -> inference.stream().max(Comparator.comparingDouble(InferenceResult::fps)))
            .map(InferenceResult::fps)
            .orElse(null);
    Double bound = null;
    String boundBy = null;
    if (pass != null && (infer == null || pass <= infer)) {
      bound = pass;
      boundBy = "passthrough";
    } else if (infer != null) {
      bound = infer;
      boundBy = "inference";
    }
    Double ratio = e2e == null || bound == null || bound <= 0 ? null : e2e / bound;
    Double p50 = latency == null ? null : latency.scores().p50();
    Double p99 = latency == null ? null : latency.scores().p99();
    return new Summary(e2e, batch, pass, infer, ratio, boundBy, p50, p99);
  }

  /**
   * Returns the line {@code vigil bench} ends its output with: {@code bench e2e_fps=...
   * passthrough_fps=... inference_fps=... ratio=... p50_ms=... p99_ms=...}, rates in whole frames
   * per second, the ratio to three decimals, latencies to a tenth of a millisecond, and {@code n/a}
   * for a figure that was not measured.
   *
   * @return the line, without a line break
   */
  public String line() {
    return "bench e2e_fps="
        + format(e2eFps, "%.0f")
        + " passthrough_fps="
        + format(passthroughFps, "%.0f")
        + " inference_fps="
        + format(inferenceFps, "%.0f")
        + " ratio="
        + format(ratio, "%.3f")
        + " p50_ms="
        + format(p50Ms, "%.1f")
        + " p99_ms="
        + format(p99Ms, "%.1f");
  }

  private static String format(Double value, String pattern) {
    return value == null ? "n/a" : String.format(java.util.Locale.ROOT, pattern, value);
  }
}
