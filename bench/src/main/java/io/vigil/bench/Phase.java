package io.vigil.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The measurements of a bench run; each can be skipped with {@code --skip}. */
public enum Phase {
  /** (a) A Kafka Streams pass-through of the frames topic. */
  PASSTHROUGH,
  /** (b) ONNX Runtime alone, through Vigil's scorer, per batch size. */
  INFERENCE,
  /** (c) Vigil end to end on a backlog, per batch size. */
  E2E,
  /** (d) Vigil's latency at a fraction of the end-to-end rate. */
  LATENCY;

  /** Returns the name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list of phase names, e.g. {@code passthrough,latency}.
   *
   * @param list the names; blank for none
   * @return the phases
   * @throws IllegalArgumentException naming an unknown phase and the known ones
   */
  public static Set<Phase> parseList(String list) {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    if (list == null || list.isBlank()) {
      return phases;
    }
    for (String part : list.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      Phase found = null;
      for (Phase p : values()) {
        if (p.id().equals(name)) {
          found = p;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "--skip: unknown phase '"
                + part.trim()
                + "', expected some of "
                + Arrays.stream(values()).map(Phase::id).toList());
      }
      phases.add(found);
    }
    return phases;
  }
}
