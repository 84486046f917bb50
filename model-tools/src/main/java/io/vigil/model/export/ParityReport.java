package io.vigil.model.export;

import java.util.Locale;

/**
 * How closely an exported ONNX model reproduces the network it was exported from, on the same
 * windows.
 *
 * @param windows windows compared
 * @param maxReconstructionError the largest absolute difference of a reconstructed value, in
 *     standardised units (so channels in different units weigh alike)
 * @param maxScoreError the largest absolute difference of a window score
 * @param maxLatentError the largest absolute difference of a latent code value (0 when the export
 *     has no {@code latent} output)
 */
public record ParityReport(
    int windows, double maxReconstructionError, double maxScoreError, double maxLatentError) {

  /** The agreement required of every export: 1e-4 on reconstructions, scores and codes. */
  public static final double TOLERANCE = 1e-4;

  /** Returns whether the three differences are within {@code tolerance}. */
  public boolean agrees(double tolerance) {
    return maxReconstructionError <= tolerance
        && maxScoreError <= tolerance
        && maxLatentError <= tolerance;
  }

  /** Returns a one-line summary, e.g. for the training report. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "parity on %d windows: max reconstruction error %.2e, max score error %.2e, max latent"
            + " error %.2e (%s %.0e)",
        windows,
        maxReconstructionError,
        maxScoreError,
        maxLatentError,
        agrees(TOLERANCE) ? "within" : "OUTSIDE",
        TOLERANCE);
  }
}
