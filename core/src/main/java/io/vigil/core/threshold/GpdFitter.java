package io.vigil.core.threshold;

import java.util.function.DoubleUnaryOperator;

/**
 * Fits a generalised Pareto distribution to excesses by maximum likelihood using Grimshaw's trick,
 * as in Siffer et al., "Anomaly Detection in Streams with Extreme Value Theory", KDD 2017, with a
 * method-of-moments fallback.
 *
 * <p>Grimshaw (1993) reduces the two-parameter likelihood to one variable {@code x = gamma /
 * sigma}: at a stationary point, with {@code u(x) = mean(ln(1 + x*Y))} and {@code v(x) = mean(1 /
 * (1 + x*Y))}, {@code w(x) = (1 + u(x)) * v(x) - 1 = 0}, and then {@code gamma = u(x)}, {@code
 * sigma = gamma / x}. The roots lie in {@code (-1/Y_max, 0)} and {@code (0, 2 (Ymean - Ymin) /
 * Ymin^2]}. The authors' reference code minimises {@code w^2} with L-BFGS-B from a few starting
 * points; here each interval is scanned on a grid that is geometric towards its ends (where roots
 * crowd: near 0 for nearly exponential tails, near -1/Y_max for bounded ones) and every sign change
 * is refined by a bracketing secant method (Illinois). Each root gives a candidate; the exponential
 * fit ({@code gamma = 0, sigma = mean}, the limit x -> 0 that is always a solution) is a candidate
 * too; the candidate with the highest log-likelihood wins. Candidates with {@code gamma <= -1} are
 * discarded: the likelihood is unbounded there, so they are not a regular maximum.
 *
 * <p>The likelihood is not used below {@value #MIN_PEAKS_FOR_LIKELIHOOD} excesses, where it is
 * known to be unstable (Hosking and Wallis, 1987), nor when no candidate has a finite likelihood;
 * the method of moments applies then: {@code gamma = (1 - mean^2 / var) / 2}, {@code sigma = mean *
 * (1 + mean^2 / var) / 2}, with the unbiased sample variance. Excesses that are all equal have no
 * spread and get the exponential fit with their value as mean.
 *
 * <p>{@link #fitCensored} adds excesses known only to lie above a bound (SPOT's alarms). Grimshaw's
 * reduction carries over: with {@code x = gamma / sigma}, m exact excesses Y and censoring bounds
 * C, {@code U(x) = sum ln(1 + x*Y)} and {@code V(x) = sum ln(1 + x*C)}, the log-likelihood {@code
 * -m ln sigma - (1 + 1/gamma) U - V / gamma} is largest over gamma at fixed x for {@code gamma = (U
 * + V) / m}, which leaves the profile {@code -m ln(gamma / x) - U - m}, a function of x alone
 * (without censoring, its stationary points are the roots of w). It is maximised on the same kind
 * of grid, refined by golden-section search around the best grid point.
 *
 * <p>{@link #refit} serves a stream that refits after every new excess, as SPOT does. One excess in
 * a few hundred barely moves the maximum, so it starts from the previous fit's {@code x}, widens a
 * bracket around it until the profile's slope changes sign, and refines that root with the same
 * bracketing secant method. The slope of the profile is {@code m / x - U' - (U' + V') / gamma},
 * with {@code U' = sum Y / (1 + x*Y)} and {@code V' = sum C / (1 + x*C)}; without censoring it is
 * {@code w} times a positive factor, so its roots are Grimshaw's. That takes about a tenth of the
 * profile evaluations of the grid, and gives the maximum the grid search finds whenever the maximum
 * has stayed on the same branch; the caller runs the full search every so often to catch a maximum
 * that moved elsewhere.
 */
public final class GpdFitter {
  /** Fewest excesses for a likelihood fit; fewer use the method of moments. */
  public static final int MIN_PEAKS_FOR_LIKELIHOOD = 10;

  private static final int GRID_POINTS = 20;
  private static final double GRID_INNER = 1e-4;
  private static final int MAX_REFINEMENTS = 60;

  /** Half-width of {@link #refit}'s first bracket, relative to the previous x. */
  private static final double WARM_STEP = 1e-3;

  /** Doublings of the bracket before {@link #refit} gives up and searches the full grid. */
  private static final int WARM_EXPANSIONS = 12;

  private static final double ROOT_TOLERANCE = 1e-12;

  /**
   * Relative width at which the golden-section search of the censored profile stops: the profile is
   * flat at its maximum, so x to 1e-9 moves z_q by far less than its sampling error, and the search
   * takes about 40 steps instead of 57.
   */
  private static final double PROFILE_TOLERANCE = 1e-9;

  private GpdFitter() {}

  /**
   * Fits the excesses.
   *
   * @param excesses positive excesses over the initial threshold; only the first {@code count} are
   *     used, in order (the order fixes floating-point sums, so equal input gives equal output)
   * @param count how many to use
   * @return the fit
   */
  public static GpdFit fit(double[] excesses, int count) {
    if (count == 0) {
      return GpdFit.NONE;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double y = excesses[i];
      if (!(y > 0) || !Double.isFinite(y)) {
        throw new IllegalArgumentException(
            "excess " + i + " is " + y + "; expected a finite value > 0");
      }
      min = Math.min(min, y);
      max = Math.max(max, y);
      sum += y;
    }
    double mean = sum / count;
    if (min == max) {
      return new GpdFit(0, min, GpdFit.Method.DEGENERATE);
    }
    if (count >= MIN_PEAKS_FOR_LIKELIHOOD) {
      GpdFit mle = grimshaw(excesses, count, min, max, mean);
      if (mle != null) {
        return mle;
      }
    }
    return moments(excesses, count, mean);
  }

  /**
   * Fits exact and right-censored excesses by maximum likelihood.
   *
   * <p>A censored excess contributes its survival probability {@code (1 + gamma * c / sigma)^(-1 /
   * gamma)} instead of a density: it says only that the excess was above c. Without censored
   * excesses, or with fewer than {@value #MIN_PEAKS_FOR_LIKELIHOOD} exact ones, this is {@link
   * #fit(double[], int)} of the exact ones.
   *
   * @param exact positive exact excesses; the first {@code count} are used, in order
   * @param count how many exact excesses
   * @param censored positive bounds that censored excesses were above; the first {@code
   *     censoredCount} are used, in order
   * @param censoredCount how many censored excesses
   * @return the fit
   */
  public static GpdFit fitCensored(
      double[] exact, int count, double[] censored, int censoredCount) {
    if (censoredCount == 0 || count < MIN_PEAKS_FOR_LIKELIHOOD) {
      return fit(exact, count);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double y = checkPositive("excess", i, exact[i]);
      min = Math.min(min, y);
      max = Math.max(max, y);
      sum += y;
    }
    for (int i = 0; i < censoredCount; i++) {
      double c = checkPositive("censoring bound", i, censored[i]);
      max = Math.max(max, c);
      sum += c;
    }
    double lower = -1 / max;
    double rightStart = -lower * GRID_INNER;
    double upper =
        Math.max(2 * rightStart, 2 * (sum / (count + censoredCount) - min) / (min * min));
    double[] left = leftGrid(lower);
    double[] right = geometric(rightStart, upper, 2 * GRID_POINTS);
    double[] grid = new double[left.length + 1 + right.length];
    System.arraycopy(left, 0, grid, 0, left.length);
    System.arraycopy(right, 0, grid, left.length + 1, right.length);

    Profile p = new Profile(exact, count, censored, censoredCount);
    int best = left.length;
    double bestValue = p.at(0);
    for (int i = 0; i < grid.length; i++) {
      double value = p.at(grid[i]);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (!Double.isFinite(bestValue)) {
      return fit(exact, count);
    }
    double x = grid[best];
    if (best > 0 && best < grid.length - 1) {
      double refined = goldenMaximum(p, grid[best - 1], grid[best + 1]);
      if (p.at(refined) > bestValue) {
        x = refined;
      }
    }
    p.at(x);
    return new GpdFit(p.gamma, p.sigma, GpdFit.Method.CENSORED);
  }

  /**
   * Refits after the excesses changed a little, starting from the previous fit: a local search for
   * the profile likelihood's maximum near the previous {@code x = gamma / sigma}, compared with the
   * exponential fit. Falls back to {@link #fitCensored} (the full search) when the previous fit is
   * not a likelihood fit with a non-zero shape, when fewer than {@value #MIN_PEAKS_FOR_LIKELIHOOD}
   * excesses are exact, or when no bracket of the maximum is found on the previous fit's side of
   * zero.
   *
   * @param exact positive exact excesses; the first {@code count} are used, in order
   * @param count how many exact excesses
   * @param censored positive censoring bounds; the first {@code censoredCount} are used, in order
   * @param censoredCount how many censored excesses
   * @param previous the fit before the excesses changed
   * @return the fit: {@link GpdFit.Method#GRIMSHAW} without censored excesses, {@link
   *     GpdFit.Method#CENSORED} with them, or whatever the full search gives
   */
  public static GpdFit refit(
      double[] exact, int count, double[] censored, int censoredCount, GpdFit previous) {
    boolean likelihood =
        previous.method() == GpdFit.Method.GRIMSHAW || previous.method() == GpdFit.Method.CENSORED;
    if (!likelihood || previous.gamma() == 0 || count < MIN_PEAKS_FOR_LIKELIHOOD) {
      return fitCensored(exact, count, censored, censoredCount);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      double y = checkPositive("excess", i, exact[i]);
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
    for (int i = 0; i < censoredCount; i++) {
      max = Math.max(max, checkPositive("censoring bound", i, censored[i]));
    }
    if (min == max) {
      return fitCensored(exact, count, censored, censoredCount);
    }
    Profile p = new Profile(exact, count, censored, censoredCount);
    double x = localMaximum(p, previous.gamma() / previous.sigma(), -1 / max);
    if (Double.isNaN(x)) {
      return fitCensored(exact, count, censored, censoredCount);
    }
    double atMaximum = p.at(x);
    double gamma = p.gamma;
    double sigma = p.sigma;
    GpdFit.Method method = censoredCount == 0 ? GpdFit.Method.GRIMSHAW : GpdFit.Method.CENSORED;
    if (!(p.at(0) < atMaximum)) {
      // The exponential fit is a candidate of the full search too, and wins ties there.
      return new GpdFit(0, p.sigma, method);
    }
    return new GpdFit(gamma, sigma, method);
  }

  /**
   * Returns the x of a local maximum of the profile near {@code start}, on the same side of zero
   * and above {@code lower} (= -1 / max), or NaN when no bracket is found there.
   */
  private static double localMaximum(Profile p, double start, double lower) {
    if (!(start > lower) || !Double.isFinite(start)) {
      return Double.NaN;
    }
    double step = WARM_STEP * Math.abs(start);
    double lo = start - step;
    double hi = start + step;
    double slopeLo = p.slope(lo);
    double slopeHi = p.slope(hi);
    for (int i = 0; i < WARM_EXPANSIONS && (slopeLo <= 0 || slopeHi >= 0); i++) {
      step *= 2;
      if (slopeLo <= 0) {
        // The maximum lies below lo (or lo is past the support): move the lower end down.
        hi = lo;
        slopeHi = slopeLo;
        lo = start > 0 ? Math.max(lo - step, 0.5 * lo) : lo - step;
        if (start < 0 && !(lo > lower)) {
          lo = 0.5 * (hi + lower);
        }
        slopeLo = p.slope(lo);
      } else {
        lo = hi;
        slopeLo = slopeHi;
        hi = start < 0 ? Math.min(hi + step, 0.5 * hi) : hi + step;
        slopeHi = p.slope(hi);
      }
    }
    if (!(slopeLo > 0 && slopeHi < 0)) {
      return Double.NaN;
    }
    // Inside a bracket on one side of zero the slope is finite: the support is an interval in x
    // and gamma grows with x.
    return refine(p::slope, lo, slopeLo, hi, slopeHi);
  }

  private static double checkPositive(String what, int i, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          what + " " + i + " is " + value + "; expected a finite value > 0");
    }
    return value;
  }

  /** Golden-section search for the maximum of the profile in [a, b]. */
  private static double goldenMaximum(Profile p, double a, double b) {
    double ratio = (Math.sqrt(5) - 1) / 2;
    double lo = a;
    double hi = b;
    double x1 = hi - ratio * (hi - lo);
    double x2 = lo + ratio * (hi - lo);
    double f1 = p.at(x1);
    double f2 = p.at(x2);
    for (int i = 0; i < MAX_REFINEMENTS; i++) {
      if (f1 >= f2) {
        hi = x2;
        x2 = x1;
        f2 = f1;
        x1 = hi - ratio * (hi - lo);
        f1 = p.at(x1);
      } else {
        lo = x1;
        x1 = x2;
        f1 = f2;
        x2 = lo + ratio * (hi - lo);
        f2 = p.at(x2);
      }
      if (Math.abs(hi - lo) <= PROFILE_TOLERANCE * Math.max(Math.abs(lo), Math.abs(hi))) {
        break;
      }
    }
    return f1 >= f2 ? x1 : x2;
  }

  /**
   * The censored profile log-likelihood in x = gamma / sigma; {@link #at} leaves the gamma and
   * sigma it maximised over in the fields.
   */
  private static final class Profile {
    private final double[] exact;
    private final int count;
    private final double[] censored;
    private final int censoredCount;
    double gamma;
    double sigma;

    Profile(double[] exact, int count, double[] censored, int censoredCount) {
      this.exact = exact;
      this.count = count;
      this.censored = censored;
      this.censoredCount = censoredCount;
    }

    double at(double x) {
      if (x == 0) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
          sum += exact[i];
        }
        for (int i = 0; i < censoredCount; i++) {
          sum += censored[i];
        }
        gamma = 0;
        sigma = sum / count;
        return -count * Math.log(sigma) - count;
      }
      double u = 0;
      for (int i = 0; i < count; i++) {
        double s = x * exact[i];
        if (!(s > -1)) {
          return Double.NEGATIVE_INFINITY;
        }
        u += Math.log1p(s);
      }
      double v = 0;
      for (int i = 0; i < censoredCount; i++) {
        double s = x * censored[i];
        if (!(s > -1)) {
          return Double.NEGATIVE_INFINITY;
        }
        v += Math.log1p(s);
      }
      gamma = (u + v) / count;
      sigma = gamma / x;
      if (!(gamma > -1) || !(sigma > 0) || !Double.isFinite(sigma)) {
        return Double.NEGATIVE_INFINITY;
      }
      return -count * Math.log(sigma) - u - count;
    }

    /**
     * The profile's derivative in x (x != 0): {@code m / x - U' - (U' + V') / gamma}; NaN outside
     * the support or where gamma is not above -1.
     */
    double slope(double x) {
      double u = 0;
      double du = 0;
      for (int i = 0; i < count; i++) {
        double s = x * exact[i];
        if (!(s > -1)) {
          return Double.NaN;
        }
        u += Math.log1p(s);
        du += exact[i] / (1 + s);
      }
      double v = 0;
      double dv = 0;
      for (int i = 0; i < censoredCount; i++) {
        double s = x * censored[i];
        if (!(s > -1)) {
          return Double.NaN;
        }
        v += Math.log1p(s);
        dv += censored[i] / (1 + s);
      }
      double g = (u + v) / count;
      if (!(g > -1) || !(g / x > 0)) {
        return Double.NaN;
      }
      return count / x - du - (du + dv) / g;
    }
  }

  /**
   * Fits by the method of moments alone (exposed for tests and diagnostics).
   *
   * @param excesses the excesses
   * @param count how many to use, >= 2 with some spread
   * @return the fit
   */
  public static GpdFit moments(double[] excesses, int count) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += excesses[i];
    }
    return moments(excesses, count, sum / count);
  }

  /**
   * Returns the GPD log-likelihood of the excesses.
   *
   * @param excesses the excesses
   * @param count how many to use
   * @param gamma shape
   * @param sigma scale, > 0
   * @return the log-likelihood, or negative infinity outside the support
   */
  public static double logLikelihood(double[] excesses, int count, double gamma, double sigma) {
    if (!(sigma > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    if (Math.abs(gamma) < GpdFit.GAMMA_ZERO) {
      double sum = 0;
      for (int i = 0; i < count; i++) {
        sum += excesses[i];
      }
      return -count * Math.log(sigma) - sum / sigma;
    }
    double tau = gamma / sigma;
    double logSum = 0;
    for (int i = 0; i < count; i++) {
      double a = 1 + tau * excesses[i];
      if (!(a > 0)) {
        return Double.NEGATIVE_INFINITY;
      }
      logSum += Math.log(a);
    }
    return -count * Math.log(sigma) - (1 + 1 / gamma) * logSum;
  }

  private static GpdFit moments(double[] excesses, int count, double mean) {
    double squares = 0;
    for (int i = 0; i < count; i++) {
      double d = excesses[i] - mean;
      squares += d * d;
    }
    double variance = count > 1 ? squares / (count - 1) : 0;
    if (!(variance > 0)) {
      return new GpdFit(0, mean, GpdFit.Method.DEGENERATE);
    }
    double ratio = mean * mean / variance;
    return new GpdFit(0.5 * (1 - ratio), 0.5 * mean * (1 + ratio), GpdFit.Method.MOMENTS);
  }

  /** Returns the maximum likelihood fit, or null when no candidate has a finite likelihood. */
  private static GpdFit grimshaw(double[] y, int count, double min, double max, double mean) {
    double bestGamma = 0;
    double bestSigma = mean;
    double best = logLikelihood(y, count, 0, mean);

    double lower = -1 / max;
    double upper = 2 * (mean - min) / (min * min);
    double[] roots = new double[4 * GRID_POINTS];
    int found = 0;
    // Left interval (-1/max, 0): scan |x| geometrically from both ends.
    found = scan(y, count, leftGrid(lower), roots, found);
    // Right interval (0, upper]: geometric from a point close to 0 up to the bound.
    double rightStart = -lower * GRID_INNER;
    if (upper > rightStart) {
      found = scan(y, count, geometric(rightStart, upper, 2 * GRID_POINTS), roots, found);
    }

    for (int i = 0; i < found; i++) {
      double x = roots[i];
      double gamma = 0;
      for (int j = 0; j < count; j++) {
        gamma += Math.log1p(x * y[j]);
      }
      gamma /= count;
      double sigma = gamma / x;
      if (!(gamma > -1) || !(sigma > 0) || !Double.isFinite(sigma)) {
        continue;
      }
      double ll = logLikelihood(y, count, gamma, sigma);
      if (ll > best) {
        best = ll;
        bestGamma = gamma;
        bestSigma = sigma;
      }
    }
    if (!Double.isFinite(best)) {
      return null;
    }
    return new GpdFit(bestGamma, bestSigma, GpdFit.Method.GRIMSHAW);
  }

  /** Points in (lower, 0), lower < 0, dense near both ends, ascending. */
  private static double[] leftGrid(double lower) {
    double span = -lower;
    double[] nearZero = geometric(span * GRID_INNER, span * 0.5, GRID_POINTS);
    double[] nearBound = geometric(span * 1e-9, span * 0.5, GRID_POINTS);
    double[] grid = new double[2 * GRID_POINTS - 1];
    int k = 0;
    // From the bound towards 0: x = lower + span * s for small s, then x = -span * s descending.
    for (int i = 0; i < GRID_POINTS; i++) {
      grid[k++] = lower + nearBound[i];
    }
    for (int i = GRID_POINTS - 2; i >= 0; i--) {
      grid[k++] = -nearZero[i];
    }
    return grid;
  }

  private static double[] geometric(double from, double to, int points) {
    double[] grid = new double[points];
    double ratio = Math.log(to / from) / (points - 1);
    for (int i = 0; i < points; i++) {
      grid[i] = from * Math.exp(ratio * i);
    }
    grid[points - 1] = to;
    return grid;
  }

  /** Finds sign changes of w along an ascending grid and bisects each to a root. */
  private static int scan(double[] y, int count, double[] grid, double[] roots, int found) {
    double previousX = grid[0];
    double previousW = w(y, count, previousX);
    for (int i = 1; i < grid.length && found < roots.length; i++) {
      double x = grid[i];
      double value = w(y, count, x);
      if (Double.isFinite(previousW) && Double.isFinite(value)) {
        if (value == 0) {
          roots[found++] = x;
        } else if (Math.signum(value) != Math.signum(previousW) && previousW != 0) {
          roots[found++] = refine(t -> w(y, count, t), previousX, previousW, x, value);
        }
      }
      previousX = x;
      previousW = value;
    }
    return found;
  }

  /**
   * Refines a bracketed root of f (Grimshaw's w, or the profile's slope) with the Illinois variant
   * of regula falsi: superlinear like the secant method, but the bracket always holds the root, as
   * with bisection.
   */
  private static double refine(DoubleUnaryOperator f, double a, double wa, double b, double wb) {
    double lo = a;
    double hi = b;
    double wLo = wa;
    double wHi = wb;
    int side = 0;
    for (int i = 0; i < MAX_REFINEMENTS; i++) {
      double x = (lo * wHi - hi * wLo) / (wHi - wLo);
      if (!(x > Math.min(lo, hi) && x < Math.max(lo, hi))) {
        x = 0.5 * (lo + hi);
      }
      double wx = f.applyAsDouble(x);
      if (wx == 0 || !Double.isFinite(wx)) {
        return x;
      }
      if (Math.signum(wx) == Math.signum(wLo)) {
        lo = x;
        wLo = wx;
        if (side == -1) {
          wHi *= 0.5;
        }
        side = -1;
      } else {
        hi = x;
        wHi = wx;
        if (side == 1) {
          wLo *= 0.5;
        }
        side = 1;
      }
      if (Math.abs(hi - lo) <= ROOT_TOLERANCE * Math.max(Math.abs(lo), Math.abs(hi))) {
        break;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Grimshaw's function w(x) = (1 + mean ln(1 + xY)) * mean(1 / (1 + xY)) - 1. */
  private static double w(double[] y, int count, double x) {
    double u = 0;
    double v = 0;
    for (int i = 0; i < count; i++) {
      double s = 1 + x * y[i];
      if (!(s > 0)) {
        return Double.NaN;
      }
      u += Math.log(s);
      v += 1 / s;
    }
    return (1 + u / count) * (v / count) - 1;
  }
}
