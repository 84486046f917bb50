package io.vigil.app.config;

import java.time.Duration;

/**
 * The dashboard and HTTP API the stream application serves.
 *
 * @param host the address to bind, loopback by default: read-only pages are open to whoever reaches
 *     it
 * @param port the port; 0 for any free port, -1 to serve nothing
 * @param token the bearer token every change needs; null to generate one at start (printed once)
 * @param scoreRetentionMillis how long each device's recent scores are kept for the charts and the
 *     preview
 * @param previewMaxAlertsPerDay a preview warns when a policy would raise more episodes than this
 *     per device-day
 * @param previewMaxScores the most recent scores of one device a preview judges (the newest are
 *     kept; a preview says for how many devices it cut the span), bounding a preview's time and
 *     memory
 * @param advertisedHost the address other instances reach this one's server at (Kafka Streams'
 *     {@code application.server}); null for {@code host}
 */
public record DashboardSettings(
    String host,
    int port,
    String token,
    long scoreRetentionMillis,
    double previewMaxAlertsPerDay,
    int previewMaxScores,
    String advertisedHost) {

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Validates the fields. */
  public DashboardSettings {
    if (host == null || host.isBlank()) {
      throw new ConfigException("vigil.http.host", host, "an address to bind, e.g. 127.0.0.1");
    }
    if (port < -1 || port > 65535) {
      throw new ConfigException("vigil.http.port", port, "-1 (off), 0 (any free port) or 1..65535");
    }
    if (token != null && token.length() < 16) {
      throw new ConfigException(
          "vigil.http.token", "(" + token.length() + " characters)", "at least 16 characters");
    }
    if (scoreRetentionMillis < 60_000) {
      throw new ConfigException(
          "vigil.dashboard.score-retention",
          scoreRetentionMillis + " ms",
          "at least one minute (e.g. 24h)");
    }
    if (!(previewMaxAlertsPerDay > 0)) {
      throw new ConfigException(
          "vigil.dashboard.preview.max-alerts-per-day", previewMaxAlertsPerDay, "> 0");
    }
    if (previewMaxScores < 100 || previewMaxScores > 10_000_000) {
      throw new ConfigException(
          "vigil.dashboard.preview.max-scores", previewMaxScores, "100..10000000");
    }
  }

  /**
   * Defaults: 127.0.0.1:8080, a generated token, 24 hours of scores, a warning above 5 episodes per
   * device-day, previews of at most 100,000 scores per device (a day of windows every second).
   *
   * @return the defaults
   */
  public static DashboardSettings defaults() {
    return new DashboardSettings(
        "127.0.0.1", DEFAULT_PORT, null, Duration.ofHours(24).toMillis(), 5, 100_000, null);
  }

  /**
   * Returns the host other instances reach this one at.
   *
   * @return the advertised host, or the bound one
   */
  public String reachableHost() {
    return advertisedHost != null ? advertisedHost : host;
  }

  /**
   * These settings on another port (a free port picked for 0).
   *
   * @param newPort the port
   * @return the copy
   */
  public DashboardSettings withPort(int newPort) {
    return new DashboardSettings(
        host,
        newPort,
        token,
        scoreRetentionMillis,
        previewMaxAlertsPerDay,
        previewMaxScores,
        advertisedHost);
  }

  /**
   * Whether the server runs.
   *
   * @return false when the port is -1
   */
  public boolean enabled() {
    return port >= 0;
  }

  @Override
  public String toString() {
    // The token never appears in logs.
    return "DashboardSettings[host="
        + host
        + ", port="
        + port
        + ", token="
        + (token == null ? "generated" : "***")
        + ", scoreRetentionMillis="
        + scoreRetentionMillis
        + ", previewMaxAlertsPerDay="
        + previewMaxAlertsPerDay
        + ", previewMaxScores="
        + previewMaxScores
        + ", advertisedHost="
        + advertisedHost
        + "]";
  }

  static DashboardSettings read(VigilConfig.Reader r) {
    DashboardSettings d = defaults();
    String token = r.string("vigil.http.token", null);
    return new DashboardSettings(
        r.string("vigil.http.host", d.host()),
        (int) r.longValue("vigil.http.port", d.port()),
        token == null || token.isBlank() ? null : token,
        r.durationMillis("vigil.dashboard.score-retention", d.scoreRetentionMillis()),
        r.doubleValue("vigil.dashboard.preview.max-alerts-per-day", d.previewMaxAlertsPerDay()),
        (int) r.longValue("vigil.dashboard.preview.max-scores", d.previewMaxScores()),
        r.string("vigil.http.advertised-host", null));
  }
}
