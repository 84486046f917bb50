package io.vigil.model.backtest;

import java.util.Objects;

/**
 * A policy of a backtest's grid, by the name its comparison row shows.
 *
 * @param name the row's name
 * @param factory makes the policy once the model is known
 */
public record NamedPolicy(String name, PolicyFactory factory) {

  /** The built-in default, named {@code default}. */
  public static final NamedPolicy DEFAULT = new NamedPolicy("default", PolicyFactory.DEFAULT);

  /** Checks the name. */
  public NamedPolicy {
    Objects.requireNonNull(factory, "factory");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a grid policy needs a name");
    }
  }
}
