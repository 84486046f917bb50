package io.vigil.app.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment variable that overrides each setting: the key upper-cased with every {@code .}
 * and {@code -} turned into {@code _} ({@code vigil.detection.grace.ms} is {@code
 * VIGIL_DETECTION_GRACE_MS}, {@code vigil.inference.intra-op-threads} is {@code
 * VIGIL_INFERENCE_INTRA_OP_THREADS}); a Kafka setting takes {@code VIGIL_} in front of its {@code
 * kafka.*} key ({@code kafka.sasl.jaas.config} is {@code VIGIL_KAFKA_SASL_JAAS_CONFIG}), so that
 * variables meant for Kafka's own tools ({@code KAFKA_HEAP_OPTS}) are never read. Kafka's setting
 * names use dots only, so a variable's name gives back its key.
 */
public final class EnvironmentNames {
  /** Variables that begin with {@code VIGIL_} and are not settings (the launcher's). */
  static final Set<String> NOT_SETTINGS = Set.of("VIGIL_JAVA_OPTS");

  private static final String VIGIL = "VIGIL_";
  private static final String KAFKA = "VIGIL_KAFKA_";

  private EnvironmentNames() {}

  /**
   * Returns the variable that overrides {@code key}.
   *
   * @param key a {@code vigil.*} or {@code kafka.*} key
   * @return its variable
   */
  public static String of(String key) {
    String name = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    return key.startsWith(VigilConfig.KAFKA_PREFIX) ? VIGIL + name : name;
  }

  /** The {@code kafka.*} keys set in {@code env}, each with the variable that sets it. */
  static Map<String, String> kafkaOverrides(Map<String, String> env) {
    Map<String, String> keys = new TreeMap<>();
    for (String variable : env.keySet()) {
      if (variable.startsWith(KAFKA) && variable.length() > KAFKA.length()) {
        String key =
            VigilConfig.KAFKA_PREFIX
                + variable.substring(KAFKA.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        keys.put(key, variable);
      }
    }
    return keys;
  }

  /** Whether {@code variable} must name a {@code vigil.*} setting. */
  static boolean isVigilSetting(String variable) {
    return variable.startsWith(VIGIL)
        && !variable.startsWith(KAFKA)
        && !NOT_SETTINGS.contains(variable);
  }

  /**
   * The candidate closest to {@code name} in edits, when it is close enough to be a typo.
   *
   * @param name what was written
   * @param candidates what is known
   * @return the suggestion, or null
   */
  static String nearest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new java.util.TreeSet<>(candidates)) {
      int d = distance(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 4) ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
