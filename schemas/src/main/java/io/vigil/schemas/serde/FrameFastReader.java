package io.vigil.schemas.serde;

import io.vigil.schemas.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Reads a {@link TelemetryFrame} in Avro's single-object encoding in one pass over the bytes,
 * without Avro's generic machinery: the frames topic's hot path. It knows the binary layout of the
 * versions of the schema it was given (with and without the trailing optional {@code source}) and
 * nothing else; for anything it does not recognise in every detail (another fingerprint, a length
 * or union index out of range, bytes left over or missing) it answers {@code null}, and the caller
 * decodes with Avro, which gives the precise error. So every record it reads is one Avro reads the
 * same way ({@code FrameFastReaderTest} checks both on the same bytes, valid and damaged).
 *
 * <p>Channel names repeat in every frame: they are kept per thread in a small table indexed by a
 * hash of their bytes, so a frame's keys are usually the same {@link String} instances as the last
 * frame's, and its channels a {@link ChannelMap} sharing the last frame's layout.
 */
final class FrameFastReader implements AvroSerde.FastReader<TelemetryFrame> {
  private static final int HEADER_LENGTH = 10;

  /** Fingerprint of the layout with the optional {@code source} field, and of the one without. */
  private final long withSource;

  private final long withoutSource;

  private static final ThreadLocal<NameTable> NAMES = ThreadLocal.withInitial(NameTable::new);

  /**
   * @param current the current schema, whose fields must be the four this reader knows
   * @param older the earlier versions; the first must be version 1, without {@code source}
   */
  FrameFastReader(Schema current, List<Schema> older) {
    requireFields(current, List.of("deviceId", "eventTime", "channels", "source"));
    requireFields(older.get(0), List.of("deviceId", "eventTime", "channels"));
    this.withSource = SchemaNormalization.parsingFingerprint64(current);
    this.withoutSource = SchemaNormalization.parsingFingerprint64(older.get(0));
  }

  private static void requireFields(Schema schema, List<String> expected) {
    List<String> found = schema.getFields().stream().map(Schema.Field::name).toList();
    if (!found.equals(expected)) {
      throw new IllegalStateException(
          "the fast frame reader knows a TelemetryFrame with fields "
              + expected
              + ", the schema has "
              + found
              + ": update FrameFastReader with the schema");
    }
  }

  @Override
  public TelemetryFrame read(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH + 1 || bytes[0] != (byte) 0xC3 || bytes[1] != 0x01) {
      return null;
    }
    long fingerprint = littleEndianLong(bytes, 2);
    boolean hasSource;
    if (fingerprint == withSource) {
      hasSource = true;
    } else if (fingerprint == withoutSource) {
      hasSource = false;
    } else {
      return null;
    }
    Cursor in = new Cursor(bytes, HEADER_LENGTH);
    String deviceId = in.string(null);
    if (deviceId == null) {
      return null;
    }
    long eventTime = in.varLong();
    if (in.bad) {
      return null;
    }
    NameTable names = NAMES.get();
    int n = 0;
    boolean anyNull = false;
    while (true) {
      long count = in.varLong();
      if (in.bad) {
        return null;
      }
      if (count == 0) {
        break;
      }
      long blockEnd = -1;
      if (count < 0) {
        count = -count;
        long blockBytes = in.varLong();
        if (in.bad || blockBytes < 0 || blockBytes > bytes.length - in.pos) {
          return null;
        }
        blockEnd = in.pos + blockBytes;
      }
      // Each entry takes at least two bytes (an empty key and a null): a count beyond that is a
      // damaged record, left to Avro to report.
      if (count > (bytes.length - in.pos) / 2) {
        return null;
      }
      names.ensureEntries(n + (int) count);
      for (long i = 0; i < count; i++, n++) {
        String key = in.string(names);
        long branch = in.varLong();
        if (key == null || in.bad) {
          return null;
        }
        names.keys[n] = key;
        if (branch == 0) {
          names.nulls[n] = true;
          anyNull = true;
        } else if (branch == 1) {
          if (bytes.length - in.pos < Double.BYTES) {
            return null;
          }
          names.nulls[n] = false;
          names.values[n] = Double.longBitsToDouble(littleEndianLong(bytes, in.pos));
          in.pos += Double.BYTES;
        } else {
          return null;
        }
      }
      // Avro's length check skips a block by its stated size: a size that does not match the
      // entries is left to it.
      if (blockEnd >= 0 && in.pos != blockEnd) {
        return null;
      }
    }
    String source = null;
    if (hasSource) {
      long branch = in.varLong();
      if (in.bad) {
        return null;
      }
      if (branch == 1) {
        source = in.string(null);
        if (source == null) {
          return null;
        }
      } else if (branch != 0) {
        return null;
      }
    }
    if (in.pos != bytes.length) {
      return null;
    }
    return new TelemetryFrame(
        deviceId, Instant.ofEpochMilli(eventTime), names.channels(n, anyNull), source);
  }

  private static long littleEndianLong(byte[] b, int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[at + i] & 0xFFL);
    }
    return v;
  }

  /** A position in the bytes; {@link #bad} once anything read ran past the end or overflowed. */
  private static final class Cursor {
    final byte[] bytes;
    int pos;
    boolean bad;

    Cursor(byte[] bytes, int pos) {
      this.bytes = bytes;
      this.pos = pos;
    }

    /** Avro's zig-zag variable-length long. */
    long varLong() {
      long raw = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= bytes.length) {
          bad = true;
          return 0;
        }
        byte b = bytes[pos++];
        raw |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      bad = true;
      return 0;
    }

    /** A length-prefixed UTF-8 string, through {@code names} when given; null when damaged. */
    String string(NameTable names) {
      long length = varLong();
      if (bad || length < 0 || length > bytes.length - pos) {
        bad = true;
        return null;
      }
      int start = pos;
      pos += (int) length;
      return names != null
          ? names.intern(bytes, start, (int) length)
          : new String(bytes, start, (int) length, StandardCharsets.UTF_8);
    }
  }

  /**
   * A thread's reading memory: the strings of recently seen names, one per slot of a hash of their
   * bytes (a miss replaces the slot, so the table stays small whatever names arrive), the last
   * channel layout, and the entries of the frame being read.
   */
  static final class NameTable {
    private static final int SLOTS = 512;
    private static final int MAX_NAME = 128;
    private final byte[][] slotBytes = new byte[SLOTS][];
    private final String[] slotNames = new String[SLOTS];

    /** The entries of the frame being read. */
    String[] keys = new String[16];

    double[] values = new double[16];
    boolean[] nulls = new boolean[16];

    private ChannelMap.Layout last = new ChannelMap.Layout(new String[0]);

    void ensureEntries(int count) {
      if (count > keys.length) {
        int size = Math.max(count, 2 * keys.length);
        keys = Arrays.copyOf(keys, size);
        values = Arrays.copyOf(values, size);
        nulls = Arrays.copyOf(nulls, size);
      }
    }

    /**
     * The map of the first {@code n} entries read: a {@link ChannelMap} on the last layout when the
     * names are the same instances, on a new one otherwise; a name given twice makes a plain map
     * where the later value wins, as Avro reads it.
     */
    Map<String, Double> channels(int n, boolean anyNull) {
      if (!last.isSameAs(keys, n)) {
        if (ChannelMap.Layout.repeats(keys, n)) {
          Map<String, Double> repeated = new HashMap<>();
          for (int i = 0; i < n; i++) {
            repeated.put(keys[i], nulls[i] ? null : values[i]);
          }
          return repeated;
        }
        last = new ChannelMap.Layout(Arrays.copyOf(keys, n));
      }
      return new ChannelMap(
          last, Arrays.copyOf(values, n), anyNull ? Arrays.copyOf(nulls, n) : null);
    }

    String intern(byte[] bytes, int start, int length) {
      if (length > MAX_NAME) {
        return new String(bytes, start, length, StandardCharsets.UTF_8);
      }
      int h = 0;
      for (int i = start; i < start + length; i++) {
        h = 31 * h + bytes[i];
      }
      int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
      byte[] known = slotBytes[slot];
      if (known != null && Arrays.equals(known, 0, known.length, bytes, start, start + length)) {
        return slotNames[slot];
      }
      String s = new String(bytes, start, length, StandardCharsets.UTF_8);
      slotBytes[slot] = Arrays.copyOfRange(bytes, start, start + length);
      slotNames[slot] = s;
      return s;
    }
  }
}
