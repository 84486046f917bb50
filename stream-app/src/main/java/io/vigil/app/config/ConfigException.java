package io.vigil.app.config;

import java.util.Locale;

/**
 * A configuration value is missing or not allowed; the message names the key, the value and what is
 * allowed.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String key, Object value, String allowed) {
    super(
        String.format(
            Locale.ROOT, "configuration %s = '%s' is invalid; expected %s", key, value, allowed));
  }

  private ConfigException(String message) {
    super(message);
  }

  /**
   * A key Vigil does not know.
   *
   * @param key the key found
   * @param nearest the known key it most resembles, or null
   * @return the exception
   */
  static ConfigException unknownKey(String key, String nearest) {
    return unknown(
        "configuration key " + key + " is unknown",
        nearest,
        "the README's configuration table lists every key");
  }

  /**
   * An environment variable named like a Vigil setting that matches none.
   *
   * @param variable the variable found
   * @param nearest the known variable it most resembles, or null
   * @return the exception
   */
  static ConfigException unknownVariable(String variable, String nearest) {
    return unknown(
        "environment variable " + variable + " names no setting",
        nearest,
        "VIGIL_ + the key after 'vigil.', upper case, '.' and '-' as '_';"
            + " VIGIL_KAFKA_ + a Kafka setting");
  }

  private static ConfigException unknown(String what, String nearest, String rule) {
    return new ConfigException(
        what + (nearest == null ? "" : "; did you mean " + nearest + "?") + " (" + rule + ")");
  }
}
