package io.vigil.core.threshold;

/**
 * Parameters of a generalised Pareto distribution fitted to excesses over a threshold {@code t},
 * with {@code P(X - t > y | X > t) = (1 + gamma * y / sigma)^(-1 / gamma)} (exponential with mean
 * sigma when gamma = 0).
 *
 * @param gamma shape (extreme value index); > 0 heavy tail, 0 exponential, < 0 bounded
 * @param sigma scale, > 0 (0 only with {@link Method#NONE})
 * @param method how the parameters were obtained
 */
public record GpdFit(double gamma, double sigma, Method method) {

  /** Shapes closer to zero than this use the exponential form of the quantile. */
  static final double GAMMA_ZERO = 1e-12;

  /** How a fit was obtained. The declaration order is part of the state format: append only. */
  public enum Method {
    /** Maximum likelihood via Grimshaw's reduction to a one-dimensional root search. */
    GRIMSHAW,
    /** Method of moments: too few excesses for the likelihood, or the likelihood search failed. */
    MOMENTS,
    /** All excesses equal: exponential with their value as mean (no spread to estimate a shape). */
    DEGENERATE,
    /** No excesses at all: no tail model, the extreme quantile is t itself. */
    NONE,
    /**
     * Maximum likelihood with some excesses right-censored (known only to exceed a bound), by the
     * profile likelihood of {@link GpdFitter#fitCensored}.
     */
    CENSORED
  }

  /** The fit when there are no excesses. */
  static final GpdFit NONE = new GpdFit(0, 0, Method.NONE);

  /**
   * Returns the extreme quantile {@code z_q} with tail probability {@code q}, as in Siffer et al.
   * (2017):
   *
   * <pre>
   *   z_q = t + (sigma / gamma) * ((q * n / peaks)^(-gamma) - 1)    (gamma != 0)
   *   z_q = t - sigma * ln(q * n / peaks)                            (gamma == 0)
   * </pre>
   *
   * <p>The result is never below {@code t}: the model describes only excesses over t, so when the
   * observed excess rate {@code peaks / n} has fallen below {@code q} the threshold stays at t
   * instead of extrapolating below the data it was fitted on.
   *
   * @param t the initial threshold
   * @param q the risk, in (0, 1)
   * @param n scores seen (calibration and normal streaming scores)
   * @param peaks excesses over t seen among them
   * @return z_q
   */
  public double quantile(double t, double q, long n, long peaks) {
    if (method == Method.NONE || peaks <= 0) {
      return t;
    }
    double r = q * n / peaks;
    double excess;
    if (Math.abs(gamma) < GAMMA_ZERO) {
      excess = -sigma * Math.log(r);
    } else {
      // expm1 keeps precision when gamma * ln(r) is small.
      excess = sigma / gamma * Math.expm1(-gamma * Math.log(r));
    }
    return t + Math.max(0.0, excess);
  }
}
