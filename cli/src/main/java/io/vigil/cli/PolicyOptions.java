package io.vigil.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that change the built-in policy, for every command that runs detection offline
 * ({@code backtest}, {@code evaluate skab}): they become the settings of a policy line ({@link
 * io.vigil.model.backtest.PolicyLines}).
 */
final class PolicyOptions {
  @Option(
      names = "--threshold",
      description =
          "static, ewma, quantile, spot, dspot or likelihood (default: the built-in policy's ewma);"
              + " static holds the model's suggested threshold.")
  String threshold;

  @Option(
      names = "--threshold-param",
      paramLabel = "NAME=VALUE",
      description = "A parameter of the threshold method, repeatable, e.g. --threshold-param k=5.")
  Map<String, String> thresholdParams = new LinkedHashMap<>();

  @Option(names = "--warmup", description = "Windows before anything may exceed (default 50).")
  Integer warmup;

  @Option(
      names = "--open",
      description = "m/n: an episode opens when m of the last n windows exceed (default 3/5).")
  String open;

  @Option(
      names = "--close",
      description = "Normal windows that close an episode (default 2 x ceil(W/S), at least 5).")
  Integer close;

  /**
   * Returns the settings the options give, in policy-line keys.
   *
   * @param defaultParameters parameters the command sets for a method unless given, by method name
   *     in lower case (e.g. a shorter SPOT calibration for short files)
   * @return the settings; empty when no option was given
   */
  Map<String, String> settings(Map<String, Map<String, String>> defaultParameters) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (threshold != null) {
      settings.put("method", threshold);
      settings.putAll(defaultParameters.getOrDefault(threshold.toLowerCase(Locale.ROOT), Map.of()));
    }
    settings.putAll(thresholdParams);
    if (warmup != null) {
      settings.put("warmup", warmup.toString());
    }
    if (open != null) {
      settings.put("open", open);
    }
    if (close != null) {
      settings.put("close", close.toString());
    }
    return settings;
  }
}
