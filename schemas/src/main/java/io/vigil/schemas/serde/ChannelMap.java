package io.vigil.schemas.serde;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The channels of a frame as the fast frame reader decodes them: the names (a shared {@link
 * Layout}) and the values in arrays, in the record's order, behind the {@code Map<String, Double>}
 * that {@code TelemetryFrame.getChannels()} is. A device sends the same names in the same order
 * frame after frame: consecutive frames with the same names share one layout instance, so a
 * consumer can map the names to its own order once per layout ({@link #layout()} compared by
 * identity) and then read values by position ({@link #value(int)}), without a hash lookup or a
 * boxed value per channel.
 *
 * <p>Read-only; equal to (and hashed like) any map with the same entries. Names are distinct.
 */
public final class ChannelMap extends AbstractMap<String, Double> {
  private final Layout layout;
  private final double[] values;

  /** Which values are null (a sensor with no reading); null when none is. */
  private final boolean[] nulls;

  ChannelMap(Layout layout, double[] values, boolean[] nulls) {
    this.layout = layout;
    this.values = values;
    this.nulls = nulls;
  }

  /**
   * The channel names, in the record's order; the same instance for consecutive frames with the
   * same names.
   */
  public Layout layout() {
    return layout;
  }

  /**
   * The value of the channel at a position of the layout.
   *
   * @param i the position, {@code 0 <= i < size()}
   * @return the value, NaN where the channel's value is null
   */
  public double value(int i) {
    return nulls != null && nulls[i] ? Double.NaN : values[i];
  }

  private Double boxed(int i) {
    return nulls != null && nulls[i] ? null : values[i];
  }

  @Override
  public int size() {
    return layout.size();
  }

  @Override
  public boolean containsKey(Object key) {
    return layout.indexOf(key) >= 0;
  }

  @Override
  public Double get(Object key) {
    int i = layout.indexOf(key);
    return i < 0 ? null : boxed(i);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Double> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(layout.name(i), boxed(i));
    }
  }

  @Override
  public Set<Map.Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.length;
      }

      @Override
      public Iterator<Map.Entry<String, Double>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Map.Entry<String, Double> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(layout.name(i), boxed(i));
          }
        };
      }
    };
  }

  /** Distinct channel names in a frame's order. Immutable. */
  public static final class Layout {
    /** Beyond this many names a lookup goes through a hash index instead of a scan. */
    private static final int SCAN_LIMIT = 12;

    private final String[] names;
    private final Map<String, Integer> index;

    /**
     * @param names distinct names, not null; kept, not copied
     */
    Layout(String[] names) {
      this.names = names;
      if (names.length > SCAN_LIMIT) {
        index = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
          index.put(names[i], i);
        }
      } else {
        index = null;
      }
    }

    /** Whether {@code names[0, count)} holds a name twice. */
    static boolean repeats(String[] names, int count) {
      if (count <= SCAN_LIMIT) {
        for (int i = 1; i < count; i++) {
          for (int j = 0; j < i; j++) {
            if (names[i].equals(names[j])) {
              return true;
            }
          }
        }
        return false;
      }
      return new HashSet<>(Arrays.asList(names).subList(0, count)).size() != count;
    }

    /** Whether this layout is {@code names[0, count)}, name for name the same instances. */
    boolean isSameAs(String[] names, int count) {
      if (count != this.names.length) {
        return false;
      }
      for (int i = 0; i < count; i++) {
        if (names[i] != this.names[i]) {
          return false;
        }
      }
      return true;
    }

    /** The number of channels. */
    public int size() {
      return names.length;
    }

    /** The name at a position. */
    public String name(int i) {
      return names[i];
    }

    /** The names, in order. */
    public List<String> names() {
      return List.of(names);
    }

    /**
     * The position of a name.
     *
     * @param name a channel name
     * @return its position, or -1 when the layout does not have it
     */
    public int indexOf(Object name) {
      if (index != null) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return i;
        }
      }
      if (name == null) {
        return -1;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
