package io.vigil.model.evaluate;

import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.backtest.PolicyLines;
import io.vigil.model.train.LevelRemoval;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a SKAB selection grid: a model setting ({@code remove-level}), the suggested
 * threshold's margin, and a policy line ({@link PolicyLines}).
 *
 * <pre>
 * # name            settings
 * thermal-static-m2 remove-level=Temperature,Thermocouple method=static margin=2
 * </pre>
 *
 * @param name the candidate's name
 * @param levelRemoval the model's level removal
 * @param margin the suggested threshold's margin over its quantile; NaN for the calibration's own
 * @param method the threshold method, lower case ({@code ewma} for the built-in policy)
 * @param policy the policy
 * @param settings the line's settings as written, for the report
 */
public record SkabCandidate(
    String name,
    LevelRemoval levelRemoval,
    double margin,
    String method,
    NamedPolicy policy,
    String settings) {

  /** Checks the fields. */
  public SkabCandidate {
    Objects.requireNonNull(levelRemoval, "levelRemoval");
    Objects.requireNonNull(policy, "policy");
    if (!Double.isNaN(margin) && !(margin > 0)) {
      throw new IllegalArgumentException(
          "grid candidate '" + name + "': margin=" + margin + " must be positive");
    }
  }

  /**
   * Parses a grid line.
   *
   * @param line e.g. {@code thermal-spot remove-level=Temperature,Thermocouple method=spot}
   * @param defaults the level removal of a line without {@code remove-level}
   * @return the candidate
   * @throws IllegalArgumentException naming the line and what is wrong
   */
  public static SkabCandidate parse(String line, LevelRemoval defaults) {
    PolicyLines.Line parsed = PolicyLines.split(line, "grid line", "thermal-spot method=spot");
    String name = parsed.name();
    LevelRemoval level = defaults;
    double margin = Double.NaN;
    Map<String, String> policy = new LinkedHashMap<>();
    for (Map.Entry<String, String> setting : parsed.settings().entrySet()) {
      String key = setting.getKey();
      String value = setting.getValue();
      switch (key.toLowerCase(Locale.ROOT)) {
        case "remove-level" -> level = LevelRemoval.parse(value);
        case "margin" -> {
          try {
            margin = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "grid line '" + line + "': margin=" + value + " is not a number", e);
          }
        }
        default -> policy.put(key, value);
      }
    }
    String method = policy.getOrDefault("method", "ewma").toLowerCase(Locale.ROOT);
    String[] parts = line.trim().split("\\s+");
    String settings = String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length));
    return new SkabCandidate(name, level, margin, method, PolicyLines.of(name, policy), settings);
  }
}
