package io.vigil.core.threshold;

/**
 * A read-only view of a SPOT or DSPOT tail model, for diagnostics, metrics and tests.
 *
 * @param initialThreshold t, the empirical level-quantile of the calibration scores (residuals for
 *     DSPOT)
 * @param fit the generalised Pareto fit of the kept excesses over t
 * @param extremeQuantile z_q (for DSPOT relative to the moving level)
 * @param n scores counted: calibration and streaming scores, alarms included
 * @param peaks excesses over t counted, all time, alarms (censored excesses) included
 * @param keptPeaks excesses currently kept for the fit, censored ones included (at most the
 *     configured maxPeaks)
 */
public record TailSummary(
    double initialThreshold,
    GpdFit fit,
    double extremeQuantile,
    long n,
    long peaks,
    int keptPeaks) {}
