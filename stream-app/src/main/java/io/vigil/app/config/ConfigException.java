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
}
