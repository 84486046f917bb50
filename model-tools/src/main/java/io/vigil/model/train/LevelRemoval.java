package io.vigil.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which channels a model reads as changes rather than levels: for each of them, each window's mean
 * (in standardised units) is taken off before the network and added back to its reconstruction, in
 * training and in the exported graph alike. A channel with a long memory (a temperature that stays
 * displaced for minutes after an event) then scores by its shape within the window, not by where
 * its level happens to stand; a step or a ramp inside the window still scores.
 *
 * @param all every channel
 * @param channels the channels by name when not {@code all}; empty with {@code all} false for none
 */
public record LevelRemoval(boolean all, List<String> channels) {
  /** No channel: every level is modelled (the default). */
  public static final LevelRemoval NONE = new LevelRemoval(false, List.of());

  /** Every channel. */
  public static final LevelRemoval ALL = new LevelRemoval(true, List.of());

  /** Copies the names and checks that {@code all} comes without names. */
  public LevelRemoval {
    channels = List.copyOf(channels);
    if (all && !channels.isEmpty()) {
      throw new IllegalArgumentException(
          "level removal: 'all' takes no channel names, found " + channels);
    }
  }

  /**
   * Parses {@code none}, {@code all} or comma-separated channel names.
   *
   * @param text the option's value
   * @return the level removal
   */
  public static LevelRemoval parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) {
      return NONE;
    }
    if (t.equalsIgnoreCase("all")) {
      return ALL;
    }
    List<String> names = new ArrayList<>();
    for (String name : t.split(",")) {
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "level removal '" + text + "': an empty channel name; expected none, all or names");
      }
      names.add(name.trim());
    }
    return new LevelRemoval(false, names);
  }

  /** Returns whether any channel has its level removed. */
  public boolean removesAny() {
    return all || !channels.isEmpty();
  }

  /**
   * Returns, per feature in order, whether its level is removed.
   *
   * @param features the model's features in order
   * @return the mask
   * @throws IllegalArgumentException naming a channel that is not a feature, and the features
   */
  public boolean[] mask(List<String> features) {
    boolean[] mask = new boolean[features.size()];
    if (all) {
      Arrays.fill(mask, true);
      return mask;
    }
    for (String name : channels) {
      int i = features.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException(
            "level removal: channel '"
                + name
                + "' is not read by the model, expected one of "
                + features);
      }
      mask[i] = true;
    }
    return mask;
  }

  /** Returns the value as the option writes it: {@code none}, {@code all} or the names. */
  public String describe() {
    return all ? "all" : channels.isEmpty() ? "none" : String.join(",", channels);
  }
}
