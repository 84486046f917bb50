package io.vigil.schemas.serde;

import io.vigil.schemas.ChannelContribution;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.WindowScore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Writes a {@link WindowScore} in Avro's single-object encoding without Avro's generic machinery:
 * one per scored window, the detection stage's most frequent output. The bytes are exactly Avro's
 * ({@code ScoreFastWriterTest} compares them on random scores); for a record it cannot write (a
 * required field left null) it answers {@code null} and Avro writes, or reports, it instead.
 */
final class ScoreFastWriter implements AvroSerde.FastWriter<WindowScore> {
  private final byte[] header = new byte[10];

  private static final ThreadLocal<Out> BUFFERS = ThreadLocal.withInitial(Out::new);

  /**
   * @param schema the current schema, whose fields must be the ones this writer knows
   */
  ScoreFastWriter(Schema schema) {
    List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
    List<String> known =
        List.of(
            "deviceId",
            "windowStart",
            "windowEnd",
            "score",
            "threshold",
            "exceeded",
            "channelScores",
            "model",
            "policy");
    if (!fields.equals(known)) {
      throw new IllegalStateException(
          "the fast score writer knows a WindowScore with fields "
              + known
              + ", the schema has "
              + fields
              + ": update ScoreFastWriter with the schema");
    }
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
  }

  @Override
  public byte[] write(WindowScore s) {
    ModelRef model = s.getModel();
    if (s.getDeviceId() == null
        || s.getWindowStart() == null
        || s.getWindowEnd() == null
        || s.getChannelScores() == null
        || model == null
        || model.getId() == null
        || model.getVersion() == null) {
      return null;
    }
    Out out = BUFFERS.get();
    out.reset();
    out.bytes(header);
    out.string(s.getDeviceId());
    out.varLong(s.getWindowStart().toEpochMilli());
    out.varLong(s.getWindowEnd().toEpochMilli());
    out.doubleValue(s.getScore());
    out.doubleValue(s.getThreshold());
    out.oneByte(s.getExceeded() ? 1 : 0);
    List<ChannelContribution> channels = s.getChannelScores();
    if (!channels.isEmpty()) {
      out.varLong(channels.size());
      for (ChannelContribution c : channels) {
        if (c == null || c.getChannel() == null) {
          return null;
        }
        out.string(c.getChannel());
        out.doubleValue(c.getScore());
        out.doubleValue(c.getShare());
      }
    }
    out.varLong(0);
    out.string(model.getId());
    out.string(model.getVersion());
    PolicyRef policy = s.getPolicy();
    if (policy == null) {
      out.varLong(0);
    } else {
      if (policy.getId() == null) {
        return null;
      }
      out.varLong(1);
      out.string(policy.getId());
      out.varLong(policy.getVersion());
    }
    return out.toBytes();
  }

  /** A growable byte buffer, reused per thread. */
  private static final class Out {
    private byte[] buf = new byte[256];
    private int len;

    void reset() {
      len = 0;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    void oneByte(int b) {
      ensure(1);
      buf[len++] = (byte) b;
    }

    /** Avro's zig-zag variable-length long. */
    void varLong(long v) {
      ensure(10);
      long n = (v << 1) ^ (v >> 63);
      while ((n & ~0x7FL) != 0) {
        buf[len++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buf[len++] = (byte) n;
    }

    void doubleValue(double d) {
      ensure(8);
      long bits = Double.doubleToRawLongBits(d);
      for (int i = 0; i < 8; i++) {
        buf[len++] = (byte) (bits >>> (8 * i));
      }
    }

    void string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varLong(utf8.length);
      bytes(utf8);
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, len);
    }
  }
}
