package io.vigil.app.config;

import java.util.List;
import java.util.Locale;

/**
 * Which settings hold secrets, so that printing or logging a configuration shows them masked: any
 * key that names a password, secret, token, credential or JAAS configuration, and private keys
 * ({@code ssl.keystore.key}, {@code *.key}).
 */
public final class Secrets {
  /** What a secret is shown as; the same whatever its length. */
  public static final String MASK = "********";

  private static final List<String> WORDS =
      List.of("password", "secret", "token", "credential", "jaas", "apikey", "api.key");

  private Secrets() {}

  /**
   * Whether {@code key}'s value is a secret.
   *
   * @param key a setting's name, with or without its prefix
   * @return true for secrets
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return WORDS.stream().anyMatch(k::contains) || k.endsWith(".key") || k.contains(".key.");
  }

  /**
   * The value to show for {@code key}.
   *
   * @param key the setting
   * @param value its value
   * @return the value, or {@link #MASK} for a secret that is set
   */
  public static String mask(String key, String value) {
    return isSecret(key) && value != null && !value.isEmpty() ? MASK : value;
  }
}
