package io.vigil.model.backtest;

import io.vigil.core.alert.AlertRule;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.threshold.ThresholdMethod;
import io.vigil.core.threshold.ThresholdSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Policies written one per line, for {@code --policy FILE}, {@code --grid FILE} and {@code
 * --grid-policy}: a name, then {@code key=value} settings that change the built-in default policy.
 *
 * <pre>
 * # name        settings (all optional)
 * default
 * ewma-k5       k=5
 * spot          method=spot q=0.0001 initSize=300
 * strict        method=ewma k=3 open=4/6 close=20 warmup=100
 * </pre>
 *
 * <p>Keys: {@code method} (static, ewma, quantile, spot, dspot; another method than the default's
 * drops the default's parameters), {@code warmup} (windows), {@code open} ({@code m/n}), {@code
 * close} (normal windows), and any parameter of the method ({@code k}, {@code alpha}, {@code q},
 * ...). {@code static} without {@code value} holds the model's suggested threshold. Blank lines and
 * lines starting with {@code #} are ignored.
 */
public final class PolicyLines {
  private PolicyLines() {}

  /**
   * Parses one line.
   *
   * @param line e.g. {@code ewma-k5 k=5 open=3/5}
   * @return the named policy; its parameters are checked against the method when it is made
   * @throws IllegalArgumentException naming the line, the setting and what is expected
   */
  public static NamedPolicy parse(String line) {
    Line parsed = split(line, "policy line", "ewma-k5 k=5");
    return of(parsed.name(), parsed.settings());
  }

  /**
   * A line of settings: a name, then {@code key=value} settings in their order.
   *
   * @param name the first word
   * @param settings the rest, in order
   */
  public record Line(String name, Map<String, String> settings) {}

  /**
   * Splits a line into its name and settings.
   *
   * @param line the line
   * @param what what the line is, for messages (e.g. {@code "policy line"})
   * @param example a valid line, for messages
   * @return the name and settings
   * @throws IllegalArgumentException naming the line and the word that is not {@code key=value}
   */
  public static Line split(String line, String what, String example) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length == 0 || parts[0].isEmpty() || parts[0].contains("=")) {
      throw new IllegalArgumentException(
          what + " '" + line + "': expected a name first, e.g. '" + example + "'");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || eq == parts[i].length() - 1) {
        throw new IllegalArgumentException(
            what + " '" + line + "': '" + parts[i] + "' is not key=value");
      }
      settings.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new Line(parts[0], settings);
  }

  /**
   * Reads a file of policy lines.
   *
   * @param file the file
   * @return the policies in file order, at least one
   * @throws IllegalArgumentException when the file has none or a line is invalid (with its number)
   */
  public static List<NamedPolicy> read(Path file) {
    return readLines(file, "policy file", "policy line", PolicyLines::parse);
  }

  /**
   * Reads a file of lines, skipping blank lines and {@code #} comments.
   *
   * @param file the file
   * @param fileKind what the file is, for messages (e.g. {@code "policy file"})
   * @param lineKind what a line is, for the message of a file with none
   * @param parse parses one trimmed line
   * @return the parsed lines in file order, at least one
   * @throws IllegalArgumentException when the file has none or a line is invalid (with its number)
   */
  public static <T> List<T> readLines(
      Path file, String fileKind, String lineKind, Function<String, T> parse) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + fileKind + " " + file, e);
    }
    List<T> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        parsed.add(parse.apply(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no " + lineKind);
    }
    return parsed;
  }

  /**
   * Makes a policy from settings.
   *
   * @param name the policy's name
   * @param settings the changes to the built-in default (keys as on the class)
   * @return the named policy; the settings are checked at once against a placeholder model
   */
  public static NamedPolicy of(String name, Map<String, String> settings) {
    Map<String, String> copy = Map.copyOf(settings);
    PolicyFactory factory =
        settings.isEmpty() ? PolicyFactory.DEFAULT : (t, w, s) -> make(name, copy, t, w, s);
    NamedPolicy policy = new NamedPolicy(name, factory);
    // Fail now, not after a model was trained.
    factory.policy(1.0, 32, 4);
    return policy;
  }

  private static DetectionPolicy make(
      String name, Map<String, String> settings, double suggested, int window, int stride) {
    DetectionPolicy base = PolicyFactory.DEFAULT.policy(suggested, window, stride);
    ThresholdSpec t = base.threshold();
    AlertRule r = base.alertRule();
    ThresholdMethod method =
        settings.containsKey("method") ? ThresholdMethod.parse(settings.get("method")) : t.method();
    Map<String, Double> parameters =
        method == t.method() ? new HashMap<>(t.parameters()) : new HashMap<>();
    int warmup = t.warmupWindows();
    int open = r.openWhenExceeded();
    int of = r.ofLastWindows();
    int close = r.closeAfterNormal();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      switch (key.toLowerCase(Locale.ROOT)) {
        case "method" -> {}
        case "warmup" -> warmup = integer(name, key, value);
        case "close" -> close = integer(name, key, value);
        case "open" -> {
          String[] mn = value.split("/");
          if (mn.length != 2) {
            throw new IllegalArgumentException(
                "policy '" + name + "': open=" + value + " is invalid, expected m/n, e.g. 3/5");
          }
          open = integer(name, key, mn[0]);
          of = integer(name, key, mn[1]);
        }
        default -> parameters.put(key, number(name, key, value));
      }
    }
    if (method == ThresholdMethod.STATIC) {
      parameters.putIfAbsent("value", suggested);
    }
    return new DetectionPolicy(
        name,
        1,
        new ThresholdSpec(method, parameters, warmup, suggested),
        new AlertRule(
            open, of, close, r.updateIntervalMillis(), r.severityBands(), r.topChannels()));
  }

  private static int integer(String name, String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "policy '" + name + "': " + key + "=" + value + " is not a whole number");
    }
  }

  private static double number(String name, String key, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "policy '" + name + "': " + key + "=" + value + " is not a number");
    }
  }
}
