package io.vigil.simulate;

/**
 * The shape of one univariate series, drawn once from the seed: what its normal days look like.
 * Hours are UTC hours of the day.
 *
 * @param base the level at night on the first day, before trend and level changes
 * @param amplitude how far a weekday's daytime plateau rises above the night level
 * @param riseHour middle of the morning rise
 * @param fallHour middle of the evening fall
 * @param edgeHours how sharp the rise and fall are: each takes about four times this
 * @param weekendFactor the daily amplitude on Saturdays and Sundays, as a share of a weekday's
 * @param trendPerDay slow linear trend, added per day
 * @param noiseSd standard deviation of the normal noise (a slow wander and white noise together)
 */
public record UnivariateProfile(
    String deviceId,
    double base,
    double amplitude,
    double riseHour,
    double fallHour,
    double edgeHours,
    double weekendFactor,
    double trendPerDay,
    double noiseSd) {

  /**
   * The daily shape at {@code hour} (0 to 24), between 0 at night and about 1 on the plateau: a
   * smooth rise and fall with a gentle midday bump.
   */
  public double dailyShape(double hour) {
    double plateau =
        logistic((hour - riseHour) / edgeHours) * logistic((fallHour - hour) / edgeHours);
    double inDay = Math.max(0, Math.min(1, (hour - riseHour) / (fallHour - riseHour)));
    return plateau * (1 + 0.2 * Math.sin(Math.PI * inDay)) / 1.2;
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
