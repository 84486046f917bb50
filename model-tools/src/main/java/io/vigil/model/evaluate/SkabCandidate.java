package io.vigil.model.evaluate;

import io.vigil.model.backtest.NamedPolicy;
import io.vigil.model.backtest.PolicyLines;
import io.vigil.model.train.LevelRemoval;
import io.vigil.model.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a SKAB selection grid: model settings ({@code remove-level}, {@code std-floor},
 * {@code window}, {@code training-stride}), the suggested threshold's margin, and a policy line
 * ({@link PolicyLines}).
 *
 * <pre>
 * # name            settings
 * thermal-static-m2 remove-level=Temperature,Thermocouple method=static margin=2
 * </pre>
 *
 * @param name the candidate's name
 * @param modelSetting what its model is trained with
 * @param margin the suggested threshold's margin over its quantile; NaN for the calibration's own
 * @param method the threshold method, lower case ({@code ewma} for the built-in policy)
 * @param policy the policy
 * @param settings the line's settings as written, for the report
 */
public record SkabCandidate(
    String name,
    ModelSetting modelSetting,
    double margin,
    String method,
    NamedPolicy policy,
    String settings) {

  /** Checks the fields. */
  public SkabCandidate {
    Objects.requireNonNull(modelSetting, "modelSetting");
    Objects.requireNonNull(policy, "policy");
    if (!Double.isNaN(margin) && !(margin > 0)) {
      throw new IllegalArgumentException(
          "grid candidate '" + name + "': margin=" + margin + " must be positive");
    }
    double stdFloor = modelSetting.stdFloor();
    if (!Double.isNaN(stdFloor) && !(stdFloor >= 0 && stdFloor <= 1)) {
      throw new IllegalArgumentException(
          "grid candidate '" + name + "': std-floor=" + stdFloor + " must be in [0, 1]");
    }
  }

  /**
   * What the candidate's model is trained with: candidates that agree on it share one model per
   * file.
   *
   * @param levelRemoval the level removal
   * @param stdFloor the std floor, NaN for the evaluation's own
   * @param window W, 0 for the evaluation's own
   * @param trainingStride rows between fitting windows, -1 for the evaluation's own
   */
  public record ModelSetting(
      LevelRemoval levelRemoval, double stdFloor, int window, int trainingStride) {

    /** Checks the level removal is given. */
    public ModelSetting {
      Objects.requireNonNull(levelRemoval, "levelRemoval");
    }

    /**
     * Applies the setting to the evaluation's options.
     *
     * @param base the evaluation's options
     * @return the options of this setting's models
     */
    public TrainingOptions apply(TrainingOptions base) {
      TrainingOptions.Builder options = base.toBuilder().levelRemoval(levelRemoval);
      if (!Double.isNaN(stdFloor)) {
        options.stdFloor(stdFloor);
      }
      if (window > 0) {
        options.window(window);
      }
      if (trainingStride >= 0) {
        options.trainingStride(trainingStride);
      }
      return options.build();
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
    double stdFloor = Double.NaN;
    int window = 0;
    int trainingStride = -1;
    Map<String, String> policy = new LinkedHashMap<>();
    for (Map.Entry<String, String> setting : parsed.settings().entrySet()) {
      String key = setting.getKey();
      String value = setting.getValue();
      switch (key.toLowerCase(Locale.ROOT)) {
        case "remove-level" -> level = LevelRemoval.parse(value);
        case "margin" -> margin = number(line, key, value);
        case "std-floor" -> stdFloor = number(line, key, value);
        case "window" -> window = whole(line, key, value, 2);
        case "training-stride" -> trainingStride = whole(line, key, value, 0);
        default -> policy.put(key, value);
      }
    }
    String method = policy.getOrDefault("method", "ewma").toLowerCase(Locale.ROOT);
    String[] parts = line.trim().split("\\s+");
    String settings = String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length));
    return new SkabCandidate(
        name,
        new ModelSetting(level, stdFloor, window, trainingStride),
        margin,
        method,
        PolicyLines.of(name, policy),
        settings);
  }

  private static int whole(String line, String key, String value, int least) {
    double v = number(line, key, value);
    if (v != Math.rint(v) || v < least || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "grid line '" + line + "': " + key + "=" + value + " must be a whole number >= " + least);
    }
    return (int) v;
  }

  private static double number(String line, String key, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "grid line '" + line + "': " + key + "=" + value + " is not a number", e);
    }
  }
}
